package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureRequest.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the {@code gdpr-erasure} process records about its request: the second person's decision
 * ({@code Task_RecordErasureDecision}) and the sealed end ({@code Task_SealErasure}). Both lock the request's row
 * and change it at most once, so a step that runs again (a retried job) changes and audits nothing twice.
 */
@Component
class ErasureOutcomes {

    /** Who seals an erasure: the process, on behalf of the requester named in the entry. */
    static final String ACTOR = "system:gdpr-erasure";

    private final ErasureRequestRepository requests;
    private final AuditLog audit;

    ErasureOutcomes(ErasureRequestRepository requests, AuditLog audit) {
        this.requests = requests;
        this.audit = audit;
    }

    /** Approved: the request runs on; rejected: it ends, its reason deleted. Audited ERASURE_APPROVED or _REJECTED. */
    void recordDecision(UUID requestId, String processInstanceId, Decision decision, String decidedBy) {
        requests.lock(requestId).filter(r -> r.status() == Status.PENDING_APPROVAL).ifPresent(request -> {
            Status next = decision == Decision.APPROVED ? Status.IN_PROGRESS : Status.REJECTED;
            requests.decided(requestId, next.name(), decidedBy, ErasureRequests.now());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("requestId", requestId);
            detail.put("requestedBy", request.requestedBy());
            audit.append(new AuditEntry(new AccountId(request.accountId()), request.subscriberId(),
                    decision == Decision.APPROVED ? AuditAction.ERASURE_APPROVED : AuditAction.ERASURE_REJECTED,
                    decidedBy, detail, processInstanceId));
        });
    }

    /**
     * The erasure is done: the request ends ERASED, its reason deleted, and the audit log gets the one ERASED
     * entry, with ids and counts only.
     */
    void sealErased(UUID requestId, String processInstanceId, int processesEnded, int messagesSuppressed,
                    boolean contactErased) {
        requests.lock(requestId).filter(r -> r.status() == Status.IN_PROGRESS).ifPresent(request -> {
            requests.erased(requestId, ErasureRequests.now());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("requestId", requestId);
            detail.put("requestedBy", request.requestedBy());
            detail.put("approvedBy", request.decidedBy());
            detail.put("processesEnded", processesEnded);
            detail.put("messagesSuppressed", messagesSuppressed);
            detail.put("tombstoneWritten", contactErased);
            audit.append(new AuditEntry(new AccountId(request.accountId()), request.subscriberId(),
                    AuditAction.ERASED, ACTOR, detail, processInstanceId));
        });
    }
}
