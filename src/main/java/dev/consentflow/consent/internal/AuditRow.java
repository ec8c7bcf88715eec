package dev.consentflow.consent.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An audit entry as stored; {@code detail} is the jsonb column as text. */
@Table("consent_audit_entry")
record AuditRow(@Id Long id, UUID accountId, long seq, Instant at, UUID subscriberId, String action, String actor,
                String detail, String processInstanceId, byte[] prevHash, byte[] hash) {
}
