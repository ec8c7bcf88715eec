package dev.consentflow.privacy.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A request to erase one person: who asked when, whether and by whom it was approved, how it ended. The reason
 * is sealed, and kept only while the request is open.
 */
@Table("privacy_erasure_request")
record ErasureRequest(@Id UUID id, UUID accountId, UUID subscriberId, Status status, boolean approvalRequired,
                      String requestedBy, Instant requestedAt, Integer reasonKeyVersion, byte[] reasonSealed,
                      String processInstanceId, String decidedBy, Instant decidedAt, Instant finishedAt) {

    enum Status {
        /** Waits for a second person (four eyes). */
        PENDING_APPROVAL,
        /** Approved, or needing no approval: the erasure runs. */
        IN_PROGRESS,
        /** The second person said no: nothing was erased. */
        REJECTED,
        /** The card is a tombstone. */
        ERASED
    }

    boolean isOpen() {
        return status == Status.PENDING_APPROVAL || status == Status.IN_PROGRESS;
    }
}
