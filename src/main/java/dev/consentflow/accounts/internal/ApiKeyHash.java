package dev.consentflow.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API keys are 256 random bits, so a plain SHA-256 is enough to store them: no dictionary can reach them, and
 * a lookup by hash stays one index probe per request.
 */
final class ApiKeyHash {

    private static final SecureRandom random = new SecureRandom();

    private ApiKeyHash() {
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "cf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] of(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
