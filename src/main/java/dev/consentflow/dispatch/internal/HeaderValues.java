package dev.consentflow.dispatch.internal;

import java.util.regex.Pattern;

/**
 * Makes a value safe to put into a mail header: every character that could end the line or start a new one
 * (CR, LF, any other control character, NEL, U+2028, U+2029) becomes a space, before Jakarta Mail encodes
 * and folds it. Percent-encoded or RFC 2047-encoded line breaks stay text: nothing on our side decodes them.
 */
final class HeaderValues {

    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");
    private static final int MAX_LENGTH = 900;

    private HeaderValues() {
    }

    static String text(String value) {
        if (value == null) {
            return "";
        }
        String flat = (isClean(value) ? value : LINE_BREAKING.matcher(value).replaceAll(" ")).strip();
        return flat.length() > MAX_LENGTH ? flat.substring(0, MAX_LENGTH) : flat;
    }

    /** Whether no character of the value could break the line: {@link #LINE_BREAKING}'s characters, one loop. */
    static boolean isClean(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                return false;
            }
        }
        return true;
    }
}
