package dev.consentflow.console.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An invitation link's token, by its SHA-256 only; valid until {@code expiresAt}, once. */
@Table("console_invitation")
record Invitation(@Id byte[] tokenHash, UUID userId, Instant expiresAt, Instant usedAt) {
}
