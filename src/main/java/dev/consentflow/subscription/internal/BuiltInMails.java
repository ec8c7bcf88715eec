package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.PublicTexts;
import org.springframework.web.util.HtmlUtils;

/**
 * The built-in wording of a list's mails in its language, as templates with the same placeholders an account's
 * own wording has: what {@code GET .../messages/{kind}} answers while nothing is overridden, and what is
 * sent. Every mail has a text part and an HTML part saying the same (an HTML-only mail reads as spam), a
 * {@code lang} and a title.
 */
final class BuiltInMails {

    private BuiltInMails() {
    }

    static MailTemplate of(MailKind kind, String language) {
        PublicTexts t = PublicTexts.of(language);
        return switch (kind) {
            case CONFIRMATION, REMINDER -> confirmation(t, kind == MailKind.REMINDER);
            case RESUBSCRIPTION -> resubscription(t);
            case WELCOME -> welcome(t);
        };
    }

    /** The SMS of a kind: one line with the list's name and the link. */
    static String sms(MailKind kind, String language) {
        return PublicTexts.of(language).text("sms." + kind.code());
    }

    private static MailTemplate confirmation(PublicTexts t, boolean reminder) {
        String subject = t.text(reminder ? "mail.reminder.subject" : "mail.confirmation.subject");
        String text = t.text("mail.hello") + "\n\n" + t.text("mail.confirmation.intro") + " "
                + t.text("mail.confirmation.how") + "\n\n{{confirmUrl}}\n\n" + t.text("mail.confirmation.ignore") + "\n" + signOffText(t);
        String html = open(t, subject)
                + "<p>" + t.html("mail.hello") + "</p>\n"
                + "<p>" + strongName(t.html("mail.confirmation.intro")) + "</p>\n"
                + button(t.html("mail.confirmation.button")) + fallback(t)
                + "<p>" + t.html("mail.confirmation.ignore") + "</p>\n" + signOffHtml(t) + CLOSE;
        return new MailTemplate(subject, html, text);
    }

    private static MailTemplate resubscription(PublicTexts t) {
        String subject = t.text("mail.resubscription.subject");
        String text = t.text("mail.hello") + "\n\n" + t.text("mail.resubscription.intro") + " "
                + t.text("mail.resubscription.erased") + "\n\n" + t.text("mail.confirmation.how")
                + "\n\n{{confirmUrl}}\n\n" + t.text("mail.resubscription.ignore") + "\n" + signOffText(t);
        String html = open(t, subject)
                + "<p>" + t.html("mail.hello") + "</p>\n"
                + "<p>" + strongName(t.html("mail.resubscription.intro")) + "</p>\n"
                + "<p>" + t.html("mail.resubscription.erased") + "</p>\n"
                + button(t.html("mail.resubscription.button")) + fallback(t)
                + "<p>" + t.html("mail.resubscription.ignore") + "</p>\n" + signOffHtml(t) + CLOSE;
        return new MailTemplate(subject, html, text);
    }

    private static MailTemplate welcome(PublicTexts t) {
        String subject = t.text("mail.welcome.subject");
        String text = t.text("mail.welcome.hello") + "\n\n" + t.text("mail.welcome.text") + "\n" + signOffText(t)
                + "\n" + t.text("mail.unsubscribe") + ": {{unsubscribeUrl}}\n";
        String html = open(t, subject)
                + "<p>" + t.html("mail.welcome.hello") + "</p>\n"
                + "<p>" + strongName(t.html("mail.welcome.text")) + "</p>\n" + signOffHtml(t)
                + "<p><a href=\"{{unsubscribeUrl}}\">" + t.html("mail.unsubscribe") + "</a></p>\n" + CLOSE;
        return new MailTemplate(subject, html, text);
    }

    /** Who writes: the brand's name as the From line shows it (the list's own without a brand record). */
    private static String signOffText(PublicTexts t) {
        return "\n" + t.text("mail.signoff") + "\n{{" + MailKind.BRAND_NAME + "}}\n";
    }

    private static String signOffHtml(PublicTexts t) {
        return "<p>" + t.html("mail.signoff") + "<br>{{" + MailKind.BRAND_NAME + "}}</p>\n";
    }

    private static final String CLOSE = "</div>\n</body>\n</html>\n";
    /** Inline, as mail clients drop style sheets: the public pages' type, colours and button (Pages.STYLE). */
    private static final String BODY_STYLE = "margin:0;padding:16px;background:#ffffff;color:#1b1b1b;"
            + "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5";
    private static final String BUTTON_STYLE = "display:inline-block;padding:12px 22px;border-radius:4px;"
            + "background:#0b5cad;color:#ffffff;font-weight:bold;text-decoration:none";

    private static String open(PublicTexts t, String subject) {
        return "<!doctype html>\n<html lang=\"" + t.language() + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
                + HtmlUtils.htmlEscape(subject, "UTF-8") + "</title>\n</head>\n<body style=\"" + BODY_STYLE + "\">\n"
                + "<div style=\"max-width:34rem;margin:0 auto\">\n";
    }

    /** The mail's one action as a button a thumb can hit. */
    private static String button(String html) {
        return "<p style=\"margin:24px 0\"><a href=\"{{confirmUrl}}\" style=\"" + BUTTON_STYLE + "\">" + html
                + "</a></p>\n";
    }

    /** The link written out, for a client that shows no button (or a person who copies it). */
    private static String fallback(PublicTexts t) {
        return "<p style=\"font-size:14px;color:#444444\">" + t.html("mail.confirmation.fallback")
                + "<br><a href=\"{{confirmUrl}}\" style=\"color:#0b4f94;word-break:break-all\">{{confirmUrl}}</a></p>\n";
    }

    private static String strongName(String html) {
        return html.replace("{{listName}}", "<strong>{{listName}}</strong>");
    }
}
