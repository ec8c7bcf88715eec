package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("accounts_api_key")
record ApiKey(@Id UUID id, UUID accountId, String name, Role role, byte[] keyHash, Instant createdAt,
              Instant revokedAt, Instant lastUsedAt) {

    /** How stale {@link #lastUsedAt} may get: a write at most this often per key, not one per request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    static ApiKey create(UUID accountId, String name, Role role, byte[] keyHash) {
        return new ApiKey(UUID.randomUUID(), accountId, name, role, keyHash, Instant.now(), null, null);
    }

    boolean lastUseIsStale(Instant now) {
        return lastUsedAt == null || lastUsedAt.isBefore(now.minus(LAST_USED_PRECISION));
    }
}
