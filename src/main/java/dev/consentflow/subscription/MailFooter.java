package dev.consentflow.subscription;

import java.util.Locale;

/**
 * The data controller's lines at the end of every mail a subscriber gets (DESIGN.md principle 9, GDPR Art. 13):
 * who sends it, with the postal address, the privacy policy and where to ask about one's data, in the list's
 * language. Not part of any wording a marketer gives a mail, so none can remove it. Empty for a list whose brand has
 * no record: this server names no controller of its own.
 *
 * @param text the lines for the text part, each ending in a line break, values as they are (no control characters)
 * @param html the same as one HTML block, every value escaped
 */
public record MailFooter(String text, String html) {

    /** No controller to name. */
    public static final MailFooter NONE = new MailFooter("", "");

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** A text part with the footer after a {@code --} line. */
    public String afterText(String body) {
        if (isEmpty()) {
            return body;
        }
        return body + (body.endsWith("\n") ? "" : "\n") + "\n--\n" + text;
    }

    /** An HTML part with the footer just before its last {@code </body>} (at its end where it has none). */
    public String intoHtml(String body) {
        return isEmpty() ? body : beforeBodyEnd(body, html);
    }

    /** {@code insert} just before the last {@code </body>} of {@code body}, or at its end where it has none. */
    public static String beforeBodyEnd(String body, String insert) {
        int end = body.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? body + insert : body.substring(0, end) + insert + body.substring(end);
    }
}
