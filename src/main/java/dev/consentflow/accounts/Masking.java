package dev.consentflow.accounts;

/**
 * What platform operators see instead of an address or a mobile number: about 40% of the characters replaced
 * by {@code *}, the {@code @}, the dots of the domain and the length kept ({@code anna@example.dk} becomes
 * {@code an**@ex***le.dk}). The one place this rule lives.
 */
public final class Masking {

    private static final double SHARE = 0.4;

    private Masking() {
    }

    public static String mask(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return value.startsWith("+") ? "+" + maskMiddle(value.substring(1)) : maskMiddle(value);
        }
        return maskEnd(value.substring(0, at)) + "@" + maskDomain(value.substring(at + 1));
    }

    /** The local part keeps its first characters: {@code anna} becomes {@code an**}. */
    private static String maskEnd(String part) {
        int hidden = hiddenCount(part.length());
        return part.substring(0, part.length() - hidden) + "*".repeat(hidden);
    }

    /** The domain keeps its top-level domain and the edges of the name: {@code example.dk} becomes {@code ex***le.dk}. */
    private static String maskDomain(String domain) {
        int dot = domain.lastIndexOf('.');
        if (dot <= 0) {
            return maskMiddle(domain);
        }
        return maskMiddle(domain.substring(0, dot)) + domain.substring(dot);
    }

    private static String maskMiddle(String part) {
        int hidden = hiddenCount(part.length());
        int start = (part.length() - hidden) / 2;
        StringBuilder out = new StringBuilder(part);
        for (int i = start; i < start + hidden; i++) {
            out.setCharAt(i, '*');
        }
        return out.toString();
    }

    private static int hiddenCount(int length) {
        if (length <= 1) {
            return length;
        }
        return Math.max(1, Math.min(length - 1, (int) Math.round(length * SHARE)));
    }
}
