package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureRequest.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the {@code gdpr-erasure} process records about its request, which stays the one source of truth: the
 * second person's decision, the check that lets the erasure proceed, and the sealed end. Each locks the request's
 * row and changes it at most once, so a step that runs again (a retried job) changes and audits nothing twice.
 * Process variables cannot decide or redirect an erasure: whoever can reach the engine's REST API could set them.
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

    /** A new request, with its instance: audited ERASURE_REQUESTED by the requester. */
    void requested(ErasureRequest request, String processInstanceId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("requestId", request.id());
        detail.put("approvalRequired", request.approvalRequired());
        audit.append(new AuditEntry(new AccountId(request.accountId()), request.subscriberId(),
                AuditAction.ERASURE_REQUESTED, request.requestedBy(), detail, processInstanceId));
    }

    /**
     * Records a decision on a request that waits for one (its row locked by the caller): approved, it runs on;
     * rejected, it ends and its reason is deleted. Audited ERASURE_APPROVED or ERASURE_REJECTED, by the decider.
     */
    void decide(ErasureRequest request, Decision decision, String decidedBy) {
        Status next = decision == Decision.APPROVED ? Status.IN_PROGRESS : Status.REJECTED;
        if (requests.decided(request.id(), next.name(), decidedBy, ErasureRequests.now()) != 1) {
            throw new IllegalStateException("erasure request " + request.id() + " does not wait for a decision");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("requestId", request.id());
        detail.put("requestedBy", request.requestedBy());
        audit.append(new AuditEntry(new AccountId(request.accountId()), request.subscriberId(),
                decision == Decision.APPROVED ? AuditAction.ERASURE_APPROVED : AuditAction.ERASURE_REJECTED,
                decidedBy, detail, request.processInstanceId()));
    }

    /**
     * {@code Task_RecordErasureDecision}: the decision the request holds. Decided through the API, the request
     * holds it already. Decided in the tasklist, the form's decision is recorded now, by the signed-in engine
     * user; without one (the engine's REST API with an API key) nobody decides, and the completion fails.
     *
     * @param formDecision the approval form's decision
     * @param engineUser   the signed-in engine user completing the task, or null
     */
    Decision recordDecision(UUID requestId, Decision formDecision, String engineUser) {
        ErasureRequest request = requests.lock(requestId)
                .orElseThrow(() -> new IllegalStateException("no erasure request " + requestId));
        return switch (request.status()) {
            case PENDING_APPROVAL -> {
                if (engineUser == null) {
                    throw new IllegalStateException("erasure request " + requestId + " is decided through the API "
                            + "or by a signed-in tasklist user, not by completing its task anonymously");
                }
                decide(request, formDecision, "engine:" + engineUser);
                yield formDecision;
            }
            case IN_PROGRESS, ERASED -> Decision.APPROVED;
            case REJECTED -> Decision.REJECTED;
        };
    }

    /**
     * {@code Task_CheckErasureRequest}: the erasure may proceed only for a request that runs (needed no approval,
     * or was approved), of this very instance, for the person and account its variables name. A request that needs
     * no approval is written just before its instance starts, in the same transaction, without the instance's id:
     * its first instance claims it here, and audits it ERASURE_REQUESTED (before the ERASED entry of the same
     * transaction). No committed request is without its instance, so no other instance can claim one.
     *
     * @throws IllegalStateException otherwise: nothing is erased (the start fails, or the job fails with an incident)
     */
    void requireProceeding(UUID requestId, String processInstanceId, AccountId account, SubscriberId subscriber) {
        Optional<ErasureRequest> claimed = requests.claim(requestId, processInstanceId);
        claimed.ifPresent(request -> requested(request, processInstanceId));
        ErasureRequest request = claimed.or(() -> requests.lock(requestId))
                .orElseThrow(() -> new IllegalStateException("no erasure request " + requestId));
        boolean matches = request.status() == Status.IN_PROGRESS
                && processInstanceId.equals(request.processInstanceId())
                && request.accountId().equals(account.value())
                && request.subscriberId().equals(subscriber.value());
        if (!matches) {
            throw new IllegalStateException("erasure request " + requestId + " does not allow instance "
                    + processInstanceId + " to erase (it is " + request.status() + ")");
        }
    }

    /**
     * {@code Task_SealErasure}: the request ends ERASED, its reason deleted, and the audit log gets the one ERASED
     * entry, with ids and counts only.
     */
    void sealErased(UUID requestId, String processInstanceId, int processesEnded, int messagesSuppressed,
                    boolean contactErased) {
        requests.erased(requestId, ErasureRequests.now()).ifPresent(request -> {
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
