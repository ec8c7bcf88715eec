package dev.consentflow.consent.internal;

import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The newest entry of a chain: its seq and hash (no hash while the chain is empty). */
@Table("consent_audit_head")
record AuditHead(@Id UUID accountId, long seq, byte[] hash) {
}
