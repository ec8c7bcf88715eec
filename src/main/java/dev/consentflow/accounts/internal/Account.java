package dev.consentflow.accounts.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("accounts_account")
record Account(@Id UUID id, String name, Instant createdAt) {
}
