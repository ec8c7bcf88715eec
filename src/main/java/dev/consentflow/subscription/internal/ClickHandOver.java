package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code Task_ConfirmSubscription} of a signup, {@code Task_CreateContact} of a resubscription: hands the click's
 * sealed evidence to contacts, which records the confirmation (a resubscription's as the new card with its
 * confirmed subscription) and audits it, once. Runs inside the click's transaction: the click passes the row it
 * locked, its evidence and the list it read along ({@link #clicked}), bound to that transaction only, so neither the
 * confirm step nor the welcome after it reads them again, and the row is written once: CONFIRMED, the card confirmed,
 * no evidence (the evidence is sealed into the row only when the confirm step did not run in the click's transaction
 * by its commit). A step that runs without them (in a transaction of its own) locks the row and opens the seal.
 *
 * <p>The confirm step's write of the row waits for the next statement of this module in the transaction: the
 * welcome's token insert carries it ({@link #takeHandOver}), one round trip where there were two; nothing reads the
 * row in between (it is locked by the click, the engine's steps read none of it). A row no welcome carried is
 * written just before the commit, or before any other write of this class.
 */
@Component
class ClickHandOver {

    private final ConfirmationRequestRepository requests;
    private final ConfirmationSubjects subjects;
    private final ClickEvidenceSeal seal;

    ClickHandOver(ConfirmationRequestRepository requests, ConfirmationSubjects subjects, ClickEvidenceSeal seal) {
        this.requests = requests;
        this.subjects = subjects;
        this.seal = seal;
    }

    /**
     * Records the click on the waiting row the caller locked, and keeps what its confirm step and its welcome need
     * for the rest of this transaction: the row, the evidence and the list read under the row's lock (null when the
     * subscription or list is gone). The row is written by the confirm step ({@link #confirm}) in this transaction;
     * should the step not have run by the commit, the row is made CONFIRMED with the sealed evidence just before it,
     * for the step to open later. Without a transaction to bind to, the row is written so at once.
     */
    void clicked(ConfirmationRequest locked, ConsentEvidence evidence, ListInfo list) {
        String instance = locked.processInstanceId();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            sealInto(locked, evidence);
            return;
        }
        Clicked key = new Clicked(instance);
        Click click = new Click(locked, evidence, list);
        TransactionSynchronizationManager.bindResource(key, click);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (!click.handedOver) {
                    sealInto(locked, evidence);
                } else {
                    writePending(click);
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
    }

    private void sealInto(ConfirmationRequest locked, ConsentEvidence evidence) {
        String instance = locked.processInstanceId();
        requests.confirmed(instance, evidence.at(), seal.seal(locked.account(), instance, evidence));
    }

    /**
     * The process variables: whether a subscription was confirmed now, and for a resubscription the card and
     * subscription the person came back as (a signup's instance knows its own). The row keeps ids and times only
     * afterwards: the card confirmed, no evidence.
     */
    Map<String, Object> confirm(String processInstanceId) {
        Click click = (Click) TransactionSynchronizationManager.getResource(new Clicked(processInstanceId));
        boolean ofThisTransaction = click != null;
        if (click == null) {
            ConfirmationRequest clicked = requests.lock(processInstanceId)
                    .filter(request -> request.clickEvidence() != null)
                    .orElseThrow(() -> new IllegalStateException(
                            "no confirmation click recorded for " + processInstanceId));
            click = new Click(clicked, seal.open(clicked.account(), processInstanceId, clicked.clickEvidence()), null);
        }
        ConfirmationRequest clicked = click.request();
        ConfirmationSubjects.Confirmed confirmed = subjects.confirm(clicked, click.evidence());
        UUID subscriber = confirmed.subscriberId() == null ? null : confirmed.subscriberId().value();
        if (ofThisTransaction && !click.handedOver) {
            // Written with the next statement of this module in the transaction (the welcome's), or before the commit.
            click.pending = new HandOver(processInstanceId, click.evidence().at(), subscriber);
            click.handedOver = true;
        } else {
            if (ofThisTransaction) {
                writePending(click);
            }
            requests.evidenceHandedOver(processInstanceId, subscriber);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(DoubleOptInProcess.Var.SUBSCRIPTION_CONFIRMED, confirmed.now());
        if (clicked.purpose() == ConfirmationPurpose.RESUBSCRIPTION && confirmed.subscriberId() != null) {
            variables.put(ResubscriptionProcess.Var.SUBSCRIBER_ID, confirmed.subscriberId().value().toString());
            variables.put(ResubscriptionProcess.Var.SUBSCRIPTION_ID, confirmed.subscriptionId().value().toString());
        }
        return variables;
    }

    /**
     * The confirm step's write of this instance's clicked row, not sent yet, for the caller to send with its own
     * statement in this transaction: it must make the row CONFIRMED with {@link HandOver#checked} (exactly one row
     * changed). Empty when there is none (no click of this transaction, or written already).
     */
    Optional<HandOver> takeHandOver(String processInstanceId) {
        Click click = (Click) TransactionSynchronizationManager.getResource(new Clicked(processInstanceId));
        if (click == null || click.pending == null) {
            return Optional.empty();
        }
        HandOver pending = click.pending;
        click.pending = null;
        return Optional.of(pending);
    }

    private void writePending(Click click) {
        HandOver pending = click.pending;
        if (pending != null) {
            click.pending = null;
            pending.checked(requests.confirmedAndHandedOver(pending.processInstanceId(), pending.at(),
                    pending.subscriberId()));
        }
    }

    /**
     * The write of a clicked row by its confirm step: CONFIRMED at the click's time, the card confirmed, no evidence
     * kept, only while it waits ({@code state = 'WAITING'}).
     */
    record HandOver(String processInstanceId, Instant at, UUID subscriberId) {

        /** Refuses a write that changed no row: the row the click locked does not wait any more. */
        void checked(int rows) {
            if (rows != 1) {
                throw new IllegalStateException("the clicked request " + processInstanceId + " does not wait any more");
            }
        }
    }

    /**
     * The list the click of this instance read, when that click runs in the caller's transaction; empty otherwise
     * (the caller reads it itself).
     */
    Optional<ListInfo> clickedList(String processInstanceId) {
        return Optional.ofNullable((Click) TransactionSynchronizationManager.getResource(new Clicked(processInstanceId)))
                .map(Click::list);
    }

    /** The key a click is bound to the transaction under. */
    private record Clicked(String processInstanceId) {
    }

    /** A click of this transaction; handed over once its confirm step wrote the row. */
    private static final class Click {
        private final ConfirmationRequest request;
        private final ConsentEvidence evidence;
        private final ListInfo list;
        private boolean handedOver;
        private HandOver pending;

        Click(ConfirmationRequest request, ConsentEvidence evidence, ListInfo list) {
            this.request = request;
            this.evidence = evidence;
            this.list = list;
        }

        ConfirmationRequest request() {
            return request;
        }

        ConsentEvidence evidence() {
            return evidence;
        }

        ListInfo list() {
            return list;
        }
    }
}
