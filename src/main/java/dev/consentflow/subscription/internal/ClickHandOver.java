package dev.consentflow.subscription.internal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmSubscription} of a signup, {@code Task_CreateContact} of a resubscription: hands the click's
 * sealed evidence to contacts, which records the confirmation (a resubscription's as the new card with its
 * confirmed subscription) and audits it, once. Runs inside the click's transaction.
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
     * The process variables: whether a subscription was confirmed now, and for a resubscription the card and
     * subscription the person came back as (a signup's instance knows its own). The row keeps ids and times only
     * afterwards: the card confirmed, no evidence.
     */
    Map<String, Object> confirm(String processInstanceId) {
        ConfirmationRequest clicked = requests.lock(processInstanceId)
                .filter(request -> request.clickEvidence() != null)
                .orElseThrow(() -> new IllegalStateException(
                        "no confirmation click recorded for " + processInstanceId));
        var evidence = seal.open(clicked.account(), processInstanceId, clicked.clickEvidence());
        ConfirmationSubjects.Confirmed confirmed = subjects.confirm(clicked, evidence);
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
}
