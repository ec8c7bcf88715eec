package dev.consentflow.privacy.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An operator's request to export an account's data: a list ({@code listKey}), one person
 * ({@code subscriberId}) or, with neither, the whole account. Approved by the account's ADMIN, it may be
 * downloaded until {@code releaseExpiresAt}.
 */
@Table("privacy_export_request")
record ExportRequest(@Id UUID id, UUID accountId, String listKey, UUID subscriberId, String format,
                     Status status, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
                     Instant releaseExpiresAt, int downloads, String processInstanceId, @Version Long version) {

    enum Status {
        PENDING_APPROVAL,
        APPROVED,
        REJECTED,
        EXPIRED
    }

    static ExportRequest pending(UUID accountId, String listKey, UUID subscriberId, ExportFormat format,
                                 String requestedBy, Instant now) {
        return new ExportRequest(UUID.randomUUID(), accountId, listKey, subscriberId, format.extension(),
                Status.PENDING_APPROVAL, requestedBy, now, null, null, null, 0, null, null);
    }

    ExportFormat exportFormat() {
        return ExportFormat.valueOf(format.toUpperCase());
    }

    /** What it exports, for the audit log: {@code person}, {@code list} or {@code account}. */
    String scope() {
        return subscriberId != null ? "person" : listKey != null ? "list" : "account";
    }

    ExportRequest started(String instanceId) {
        return new ExportRequest(id, accountId, listKey, subscriberId, format, status, requestedBy, requestedAt,
                decidedBy, decidedAt, releaseExpiresAt, downloads, instanceId, version);
    }

    ExportRequest approved(String by, Instant now, Instant expiresAt) {
        return new ExportRequest(id, accountId, listKey, subscriberId, format, Status.APPROVED, requestedBy,
                requestedAt, by, now, expiresAt, downloads, processInstanceId, version);
    }

    ExportRequest rejected(String by, Instant now) {
        return new ExportRequest(id, accountId, listKey, subscriberId, format, Status.REJECTED, requestedBy,
                requestedAt, by, now, null, downloads, processInstanceId, version);
    }

    ExportRequest expired() {
        return new ExportRequest(id, accountId, listKey, subscriberId, format, Status.EXPIRED, requestedBy,
                requestedAt, decidedBy, decidedAt, releaseExpiresAt, downloads, processInstanceId, version);
    }

    ExportRequest downloaded() {
        return new ExportRequest(id, accountId, listKey, subscriberId, format, status, requestedBy, requestedAt,
                decidedBy, decidedAt, releaseExpiresAt, downloads + 1, processInstanceId, version);
    }

    /** Whether the operator may download it now: approved, and the release has not run out. */
    boolean downloadableAt(Instant now) {
        return status == Status.APPROVED && releaseExpiresAt != null && now.isBefore(releaseExpiresAt);
    }
}
