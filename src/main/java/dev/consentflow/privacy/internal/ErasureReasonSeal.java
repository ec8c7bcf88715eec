package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Seals the free-text reason of an erasure request (it may name the person) under an account key, bound to the
 * request, for the few days it waits for approval; the ciphertext is deleted when the request ends.
 */
@Component
class ErasureReasonSeal {

    private static final String KEY_PURPOSE = "privacy.erasure-reason";

    private final KeyRing keys;

    ErasureReasonSeal(KeyRing keys) {
        this.keys = keys;
    }

    int currentVersion() {
        return keys.currentVersion();
    }

    byte[] seal(AccountId account, UUID requestId, int version, String reason) {
        return Sealing.seal(keys.derive(KEY_PURPOSE, account, version), reason.getBytes(StandardCharsets.UTF_8),
                boundTo(requestId));
    }

    String open(AccountId account, UUID requestId, int version, byte[] sealed) {
        return new String(Sealing.open(keys.derive(KEY_PURPOSE, account, version), sealed, boundTo(requestId)),
                StandardCharsets.UTF_8);
    }

    private static byte[] boundTo(UUID requestId) {
        return ("erasure-request:" + requestId + "/reason").getBytes(StandardCharsets.UTF_8);
    }
}
