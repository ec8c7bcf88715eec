package dev.consentflow.contacts;

/** Small text rules shared by the value types of this package. */
final class Text {

    private Text() {
    }

    /** Removes leading and trailing spaces and tabs only: line breaks and other controls stay and are refused. */
    static String stripSpacesAndTabs(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && (raw.charAt(start) == ' ' || raw.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (raw.charAt(end - 1) == ' ' || raw.charAt(end - 1) == '\t')) {
            end--;
        }
        return raw.substring(start, end);
    }

    /**
     * Whether a value holds a character that must never reach a mail header, a log line or a spreadsheet
     * unnoticed: C0 and C1 controls (NUL, CR, LF, ESC…), DEL and the Unicode line and paragraph separators.
     */
    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
