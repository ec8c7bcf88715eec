package dev.consentflow.privacy.internal;

import dev.consentflow.TransactionRetry;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.Permissions;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.engine.EngineGroups;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.engine.Variables;
import dev.consentflow.privacy.FourEyesRequired;
import dev.consentflow.privacy.RequestAlreadyDecided;
import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureRequest.Status;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure requests as staff make and decide them through the API. A request starts one {@code gdpr-erasure}
 * instance (business key = request id, variables = ids) and is audited ERASURE_REQUESTED; a second request for
 * the same person while one is open answers the open one. Without four eyes the instance erases the person in the
 * request's own transaction, so the answer means erased; a transaction that lost a race with a click or another
 * change to the person runs again from the start. An approval must come from another key than the request's (four
 * eyes); it completes the instance's approval task, whose next step records the decision.
 */
@Component
class ErasureRequests {

    private final ErasureRequestRepository requests;
    private final ErasureSettings settings;
    private final ErasureReasonSeal seal;
    private final Permissions contacts;
    private final ProcessRuntime runtime;
    private final ErasureOutcomes outcomes;
    private final TransactionRetry retry;

    ErasureRequests(ErasureRequestRepository requests, ErasureSettings settings, ErasureReasonSeal seal,
                    Permissions contacts, ProcessRuntime runtime, ErasureOutcomes outcomes, TransactionRetry retry) {
        this.requests = requests;
        this.settings = settings;
        this.seal = seal;
        this.contacts = contacts;
        this.runtime = runtime;
        this.outcomes = outcomes;
        this.retry = retry;
    }

    /** What {@code POST /api/contacts/{id}/erase} answers: the request, new or the one already open. */
    record Requested(UUID requestId, Status status, boolean created) {
    }

    /** In a transaction of its own, run again when a concurrent change to the person won (nothing of it stays). */
    Requested request(Caller caller, UUID subscriberId, String reason) {
        return retry.run(() -> requestOnce(caller, subscriberId, reason));
    }

    private Requested requestOnce(Caller caller, UUID subscriberId, String reason) {
        AccountId account = caller.requireAccount();
        SubscriberId subscriber = new SubscriberId(subscriberId);
        Permission permission = contacts.permission(account, subscriber)
                .orElseThrow(() -> new NotFoundException("Contact"));
        requests.lockPerson(subscriberId.getMostSignificantBits() ^ subscriberId.getLeastSignificantBits());
        Optional<ErasureRequest> open = requests.findOpen(account.value(), subscriberId);
        if (open.isPresent()) {
            return new Requested(open.get().id(), open.get().status(), false);
        }
        if (permission == Permission.DELETED) {
            throw new ContactAlreadyErased("This contact is erased already");
        }
        boolean approvalRequired = settings.approvalRequired(account);
        UUID id = UUID.randomUUID();
        Instant now = now();
        // The approval flag is transient: only the gateway right after the start reads it. The admins' group is a
        // variable only where the approval task needs it.
        Map<String, Object> variables = new HashMap<>();
        variables.put(ErasureProcess.Var.ACCOUNT_ID, account.value().toString());
        variables.put(ErasureProcess.Var.SUBSCRIBER_ID, subscriberId.toString());
        variables.put(ErasureProcess.Var.APPROVAL_REQUIRED, Variables.transientFlag(approvalRequired));
        if (!approvalRequired) {
            // Written before the start, without an instance: the instance's first step claims it (and audits it
            // ERASURE_REQUESTED), the last one seals it ERASED, all in this transaction. The reason is not kept: it
            // would be deleted at the seal, before anybody could read it.
            requests.insert(id, account.value(), subscriberId, Status.IN_PROGRESS.name(), false, caller.actor(), now,
                    null, null, null);
            runtime.start(ErasureProcess.ID, id.toString(), variables);
            return new Requested(id, Status.ERASED, true);
        }
        boolean hasReason = reason != null && !reason.isBlank();
        int version = seal.currentVersion();
        ErasureRequest request = new ErasureRequest(id, account.value(), subscriberId, Status.PENDING_APPROVAL, true,
                caller.actor(), now, hasReason ? version : null,
                hasReason ? seal.seal(account, id, version, reason.strip()) : null, null, null, null, null);
        variables.put(ErasureProcess.Var.ADMIN_GROUP, EngineGroups.admins(account.value()));
        String instance = runtime.start(ErasureProcess.ID, id.toString(), variables);
        // The row is written once, with its instance.
        requests.insert(id, account.value(), subscriberId, request.status().name(), true, request.requestedBy(), now,
                request.reasonKeyVersion(), request.reasonSealed(), instance);
        // Last in the transaction: appending holds the account's chain until the commit.
        outcomes.requested(request, instance);
        return new Requested(id, request.status(), true);
    }

    /** A second person's decision, through the API; the requester's own key may not decide. */
    @Transactional
    void decide(Caller caller, UUID requestId, Decision decision) {
        AccountId account = caller.requireAccount();
        ErasureRequest request = requests.findByIdAndAccountId(requestId, account.value())
                .flatMap(found -> requests.lock(found.id()))
                .orElseThrow(() -> new NotFoundException("Erasure request"));
        if (request.status() != Status.PENDING_APPROVAL) {
            throw new RequestAlreadyDecided("This erasure request does not wait for a decision (it is "
                    + request.status() + ")");
        }
        if (request.requestedBy().equals(caller.actor())) {
            throw new FourEyesRequired();
        }
        // The request records the decision first: the approval task's step finds it there, not in variables.
        outcomes.decide(request, decision, caller.actor());
        boolean completed = runtime.completeTask(request.processInstanceId(), ErasureProcess.Task.APPROVE_ERASURE,
                Map.of(ErasureProcess.Var.DECISION, decision.name()));
        if (!completed) {
            throw new RequestAlreadyDecided("This erasure request does not wait for a decision any more");
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
