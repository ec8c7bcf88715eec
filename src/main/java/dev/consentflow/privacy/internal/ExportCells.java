package dev.consentflow.privacy.internal;

/**
 * The rules that keep exported values inert in spreadsheets (OWASP "CSV injection"). A value that begins like a
 * formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR or LF, also after leading spaces or quotes) is never
 * evaluated: in CSV it is prefixed with a single quote, in XLSX it is a string cell with Excel's quote prefix.
 * XLSX is XML 1.0, which cannot hold most control characters: they are replaced by U+FFFD. An XLSX cell holds at
 * most 32,767 characters: a longer value is cut, ending in a visible marker.
 */
final class ExportCells {

    /** Excel's limit of characters in one cell. */
    static final int MAX_CELL = 32_767;
    static final char REPLACEMENT = '\uFFFD';

    private ExportCells() {
    }

    /** Whether a spreadsheet could take the value for a formula (or DDE payload). */
    static boolean looksLikeFormula(String value) {
        if (value == null) {
            return false;
        }
        int i = 0;
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '"' || value.charAt(i) == '\''
                || value.charAt(i) == '\u00A0')) {
            i++;
        }
        if (i == value.length()) {
            return false;
        }
        return switch (value.charAt(i)) {
            case '=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    /** A CSV field: quoted, quotes doubled, a formula-like value prefixed with {@code '} (OWASP). */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = looksLikeFormula(value) ? "'" + value : value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    /** Whether XML 1.0 can hold the character at this position (surrogates count only as a whole pair). */
    static boolean xmlCanHold(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    /** The value with every character that XML 1.0 cannot hold replaced by U+FFFD; the same string when none. */
    static String xmlSafe(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int width = Character.charCount(codePoint);
            boolean lone = Character.isSurrogate(value.charAt(i)) && width == 1;
            if (lone || !xmlCanHold(codePoint)) {
                if (out == null) {
                    out = new StringBuilder(value.length()).append(value, 0, i);
                }
                out.append(REPLACEMENT);
            } else if (out != null) {
                out.appendCodePoint(codePoint);
            }
            i += width;
        }
        return out == null ? value : out.toString();
    }

    /** The marker that ends a value cut to fit one cell. */
    static String cutMarker(int fullLength) {
        return " [cut: " + fullLength + " characters in all; the JSON export holds the whole value]";
    }

    /** The value cut to fit one cell, ending in {@link #cutMarker}; the same string when it fits. */
    static String fitCell(String value) {
        if (value.length() <= MAX_CELL) {
            return value;
        }
        String marker = cutMarker(value.length());
        int keep = MAX_CELL - marker.length();
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + marker;
    }
}
