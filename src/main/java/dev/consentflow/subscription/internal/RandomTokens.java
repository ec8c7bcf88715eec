package dev.consentflow.subscription.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The tokens of the public links (confirmation and unsubscribe): 256 random bits as 43 URL-safe base64 characters.
 * Text of any other shape is not one of ours, and is refused without a lookup.
 */
final class RandomTokens {

    private static final int TOKEN_BYTES = 32;
    private static final int TOKEN_CHARS = 43;
    private static final SecureRandom random = new SecureRandom();

    private RandomTokens() {
    }

    static String next() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isWellFormed(String token) {
        return token != null && token.length() == TOKEN_CHARS
                && token.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_');
    }
}
