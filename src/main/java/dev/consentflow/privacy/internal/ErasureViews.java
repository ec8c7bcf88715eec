package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.privacy.internal.ErasureRequest.Status;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Erasure requests as staff read them: the account's own only; the reason only while the request is open. */
@Component
class ErasureViews {

    private static final int LIST_LIMIT = 500;

    private final ErasureRequestRepository requests;
    private final ErasureReasonSeal seal;

    ErasureViews(ErasureRequestRepository requests, ErasureReasonSeal seal) {
        this.requests = requests;
        this.seal = seal;
    }

    /** {@code GET /api/erasure-requests/{id}}. */
    record ErasureView(UUID id, UUID subscriberId, Status status, boolean approvalRequired, String requestedBy,
                       Instant requestedAt, String reason, String decidedBy, Instant decidedAt, Instant finishedAt,
                       String processInstanceId) {
    }

    @Transactional(readOnly = true)
    ErasureView find(Caller caller, UUID requestId) {
        AccountId account = caller.requireAccount();
        return requests.findByIdAndAccountId(requestId, account.value()).map(r -> view(r, account))
                .orElseThrow(() -> new NotFoundException("Erasure request"));
    }

    /** The newest requests of the account first, optionally of one status. */
    @Transactional(readOnly = true)
    List<ErasureView> recent(Caller caller, Status status) {
        AccountId account = caller.requireAccount();
        return requests.findRecent(account.value(), status == null ? null : status.name(), LIST_LIMIT).stream()
                .map(r -> view(r, account)).toList();
    }

    private ErasureView view(ErasureRequest request, AccountId account) {
        String reason = request.reasonSealed() == null ? null
                : seal.open(account, request.id(), request.reasonKeyVersion(), request.reasonSealed());
        return new ErasureView(request.id(), request.subscriberId(), request.status(), request.approvalRequired(),
                request.requestedBy(), request.requestedAt(), reason, request.decidedBy(), request.decidedAt(),
                request.finishedAt(), request.processInstanceId());
    }
}
