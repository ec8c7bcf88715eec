package dev.consentflow.contacts;

import dev.consentflow.web.InvalidInputException;
import java.util.Locale;

/**
 * A mail address as Consentflow accepts it, checked by one linear scan (no regular expression, so no input can
 * make it backtrack).
 *
 * <p>Accepted: {@code local@domain} with exactly one {@code @}; a dot-atom local part (RFC 5322 atext, letters,
 * digits and marks beyond ASCII as RFC 6531 allows, and single dots inside) of at most 64 characters; a domain of
 * at least two labels of letters, digits
 * and inner hyphens, at most 63 characters each, with a non-numeric top-level label; at most 254 characters in
 * all. Leading and trailing spaces and tabs are removed first; anything else that is not part of such an
 * address is refused: quoted local parts, comments, address literals ({@code [192.0.2.1]}), spaces, control
 * characters (NUL, CR, LF…), a trailing dot.
 *
 * <p>Internationalised domain names are accepted and stored in their ASCII form (IDNA, {@code bücher.de}
 * becomes {@code xn--bcher-kva.de}), so both spellings are one person and every relay can deliver to them.
 * Internationalised local parts ({@code søren@example.dk}) are accepted in Unicode NFC (issue 17): they are
 * sent only where the relay offers SMTPUTF8 (RFC 6531/6532); through a relay that does not, their messages end
 * HARD_FAIL without counting as a bounce (see dispatch's {@code SmtpConnection}).
 *
 * <p>{@link #value()} keeps the local part as written (the domain in lower case); {@link #normalized()}, the
 * input of the blind index, is the whole address lower-cased, because no mail provider in practice treats
 * {@code Anna@} and {@code anna@} as two people.
 *
 * <p>{@link #toString()} never shows the address, so it cannot leak into a log line by accident.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_LENGTH = 64;
    /** Longer input is refused before it is looked at at all. */
    private static final int MAX_RAW_LENGTH = 1024;
    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    private final String value;

    private EmailAddress(String value) {
        this.value = value;
    }

    /**
     * Parses an address.
     *
     * @throws InvalidValue with a message that names the rule broken and never repeats the value
     */
    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw new InvalidValue("is required");
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new InvalidValue("is longer than " + MAX_LENGTH + " characters");
        }
        String text = Text.stripSpacesAndTabs(raw);
        if (text.isEmpty()) {
            throw new InvalidValue("is required");
        }
        int at = checkCharactersAndFindAt(text);
        String local = java.text.Normalizer.normalize(text.substring(0, at), java.text.Normalizer.Form.NFC);
        String domain = DomainName.ascii(text.substring(at + 1));
        checkLocalPart(local);
        String address = local + "@" + domain;
        if (address.length() > MAX_LENGTH) {
            throw new InvalidValue("is longer than " + MAX_LENGTH + " characters");
        }
        return new EmailAddress(address);
    }

    /** Parses the value of a request field, answering a {@code 400} that names the field when it is invalid. */
    public static EmailAddress parseField(String field, String raw) {
        try {
            return parse(raw);
        } catch (InvalidValue e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    /** The address to send to: the local part as given, the domain lower-case and in ASCII. */
    public String value() {
        return value;
    }

    /** What the blind index is computed from: the whole address lower-cased. */
    public String normalized() {
        return value.toLowerCase(Locale.ROOT);
    }

    private static int checkCharactersAndFindAt(String text) {
        int at = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                throw new InvalidValue("must not contain control characters or line breaks");
            }
            if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidValue("must not contain spaces");
            }
            if (Character.getType(c) == Character.FORMAT) {
                // Zero-width and direction marks: invisible, and IDNA would silently drop some of them.
                throw new InvalidValue("must not contain invisible characters");
            }
            if (c == '"') {
                throw new InvalidValue("must not contain quoted parts");
            }
            if (c == '@') {
                if (at >= 0) {
                    throw new InvalidValue("must contain exactly one @");
                }
                at = i;
            }
        }
        if (at < 0) {
            throw new InvalidValue("must contain an @");
        }
        if (at == 0) {
            throw new InvalidValue("needs a local part before the @");
        }
        if (at == text.length() - 1) {
            throw new InvalidValue("needs a domain after the @");
        }
        return at;
    }

    private static void checkLocalPart(String local) {
        if (local.length() > MAX_LOCAL_LENGTH) {
            throw new InvalidValue("has a local part (before the @) longer than " + MAX_LOCAL_LENGTH + " characters");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '.') {
                if (i == 0 || i == local.length() - 1 || local.charAt(i - 1) == '.') {
                    throw new InvalidValue("must not have a dot at the start or end of the local part, or two in a row");
                }
            } else if (c > 0x7e) {
                if (!isUnicodeAtext(c)) {
                    throw new InvalidValue("has a character that is not allowed in the local part");
                }
            } else if (!isAtext(c)) {
                throw new InvalidValue("has a character that is not allowed in the local part");
            }
        }
    }

    /** Beyond ASCII: letters, digits and combining marks (a surrogate pair's halves are letters' halves). */
    private static boolean isUnicodeAtext(char c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || Character.isSurrogate(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isAtext(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress address && address.normalized().equals(normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    @Override
    public String toString() {
        return "EmailAddress[...]";
    }
}
