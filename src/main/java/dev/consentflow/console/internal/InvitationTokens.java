package dev.consentflow.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The invitation link's token: 256 random bits as 43 URL-safe characters, stored as the SHA-256 of a purpose
 * prefix and the token (like the confirmation tokens), so a token of another kind never matches one of these.
 */
final class InvitationTokens {

    private static final String PURPOSE = "console.invitation:";
    private static final SecureRandom random = new SecureRandom();

    private InvitationTokens() {
    }

    static String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isWellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((PURPOSE + token).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
