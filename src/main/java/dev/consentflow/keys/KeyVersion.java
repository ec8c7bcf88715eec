package dev.consentflow.keys;

import java.time.Instant;

/** One version of an account's wrapping key: when it was made, and when it was retired (null while in use). */
public record KeyVersion(int version, Instant createdAt, Instant retiredAt) {

    public boolean retired() {
        return retiredAt != null;
    }
}
