package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.Role;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("accounts_api_key")
record ApiKey(@Id UUID id, UUID accountId, String name, Role role, byte[] keyHash, Instant createdAt,
              Instant revokedAt) {
}
