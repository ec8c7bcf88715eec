package dev.consentflow.privacy.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person's access request, recorded by staff acting on their behalf, with the date the GDPR's one month runs
 * out. Escalated when that passes undelivered; delivered by downloading the person's export.
 */
@Table("privacy_access_request")
record AccessRequest(@Id UUID id, UUID accountId, UUID subscriberId, Status status, String requestedBy,
                     Instant requestedAt, Instant dueAt, Instant escalatedAt, Instant deliveredAt,
                     String deliveredBy, String processInstanceId, @Version Long version) {

    enum Status {
        OPEN,
        DELIVERED
    }

    static AccessRequest open(UUID accountId, UUID subscriberId, String requestedBy, Instant now, Instant dueAt) {
        return new AccessRequest(UUID.randomUUID(), accountId, subscriberId, Status.OPEN, requestedBy, now, dueAt,
                null, null, null, null, null);
    }

    AccessRequest started(String instance) {
        return new AccessRequest(id, accountId, subscriberId, status, requestedBy, requestedAt, dueAt, escalatedAt,
                deliveredAt, deliveredBy, instance, version);
    }

    AccessRequest escalated(Instant now) {
        return new AccessRequest(id, accountId, subscriberId, status, requestedBy, requestedAt, dueAt, now,
                deliveredAt, deliveredBy, processInstanceId, version);
    }

    AccessRequest delivered(String by, Instant now) {
        return new AccessRequest(id, accountId, subscriberId, Status.DELIVERED, requestedBy, requestedAt, dueAt,
                escalatedAt, now, by, processInstanceId, version);
    }

    /** Open after its due date (or escalated by the process as such): what compliance officers must act on now. */
    boolean overdueAt(Instant now) {
        return status == Status.OPEN && (escalatedAt != null || !now.isBefore(dueAt));
    }
}
