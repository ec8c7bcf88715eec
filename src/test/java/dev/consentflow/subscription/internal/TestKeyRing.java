package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Deterministic keys for unit tests: SHA-256 of purpose, account and version. */
final class TestKeyRing implements KeyRing {

    @Override
    public int currentVersion() {
        return 1;
    }

    @Override
    public SecretKey derive(String purpose, AccountId account, int version) {
        return derive(purpose + "|" + account, version);
    }

    @Override
    public SecretKey derive(String purpose, int version) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest((purpose + "|v" + version).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(key, "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
