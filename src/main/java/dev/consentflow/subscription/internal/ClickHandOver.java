package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code Task_ConfirmSubscription} of a signup, {@code Task_CreateContact} of a resubscription: hands the click's
 * sealed evidence to contacts, which records the confirmation (a resubscription's as the new card with its
 * confirmed subscription) and audits it, once. Runs inside the click's transaction: the click passes the row it
 * locked, the evidence it sealed and the list it read along ({@link #clicked}), bound to that transaction only, so
 * neither the confirm step nor the welcome after it reads them again; a step that runs without them (in a
 * transaction of its own) locks the row and opens the seal.
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
     * Records the click on the waiting row the caller locked (CONFIRMED, with the sealed evidence), and keeps what
     * its confirm step and its welcome need for the rest of this transaction: the row, the evidence and the list
     * read under the row's lock (null when the subscription or list is gone).
     */
    void clicked(ConfirmationRequest locked, ConsentEvidence evidence, ListInfo list) {
        String instance = locked.processInstanceId();
        requests.confirmed(instance, evidence.at(), seal.seal(locked.account(), instance, evidence));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Clicked key = new Clicked(locked.processInstanceId());
        TransactionSynchronizationManager.bindResource(key, new Click(locked, evidence, list));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
    }

    /**
     * The process variables: whether a subscription was confirmed now, and for a resubscription the card and
     * subscription the person came back as (a signup's instance knows its own). The row keeps ids and times only
     * afterwards: the card confirmed, no evidence.
     */
    Map<String, Object> confirm(String processInstanceId) {
        Click click = (Click) TransactionSynchronizationManager.getResource(new Clicked(processInstanceId));
        if (click == null) {
            ConfirmationRequest clicked = requests.lock(processInstanceId)
                    .filter(request -> request.clickEvidence() != null)
                    .orElseThrow(() -> new IllegalStateException(
                            "no confirmation click recorded for " + processInstanceId));
            click = new Click(clicked, seal.open(clicked.account(), processInstanceId, clicked.clickEvidence()), null);
        }
        ConfirmationRequest clicked = click.request();
        ConfirmationSubjects.Confirmed confirmed = subjects.confirm(clicked, click.evidence());
        requests.evidenceHandedOver(processInstanceId,
                confirmed.subscriberId() == null ? null : confirmed.subscriberId().value());
        Map<String, Object> variables = new HashMap<>();
        variables.put(DoubleOptInProcess.Var.SUBSCRIPTION_CONFIRMED, confirmed.now());
        if (clicked.purpose() == ConfirmationPurpose.RESUBSCRIPTION && confirmed.subscriberId() != null) {
            variables.put(ResubscriptionProcess.Var.SUBSCRIBER_ID, confirmed.subscriberId().value().toString());
            variables.put(ResubscriptionProcess.Var.SUBSCRIPTION_ID, confirmed.subscriptionId().value().toString());
        }
        return variables;
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

    private record Click(ConfirmationRequest request, ConsentEvidence evidence, ListInfo list) {
    }
}
