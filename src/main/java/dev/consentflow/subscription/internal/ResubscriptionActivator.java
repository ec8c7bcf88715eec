package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.PendingResubscriptions;
import dev.consentflow.contacts.ResubscribeOutcome;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.subscription.internal.ResubscribeProcess.Var;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CreateContact}: hands the click's evidence to contacts, which makes the new card with its confirmed
 * subscription (and audits it) once. This row keeps ids and times only afterwards: the new card's id, no evidence.
 */
@Component
class ResubscriptionActivator {

    private final ResubscribeRepository rows;
    private final ClickEvidenceSeal seal;
    private final PendingResubscriptions contacts;

    ResubscriptionActivator(ResubscribeRepository rows, ClickEvidenceSeal seal,
                            PendingResubscriptions contacts) {
        this.rows = rows;
        this.seal = seal;
        this.contacts = contacts;
    }

    /** The process variables: whether a subscription was confirmed now, and the card and subscription it is. */
    Map<String, Object> resubscribe(String processInstanceId) {
        Resubscribe clicked = rows.lock(processInstanceId)
                .filter(row -> row.clickEvidence() != null)
                .orElseThrow(() -> new IllegalStateException("no confirmation click recorded for " + processInstanceId));
        AccountId account = new AccountId(clicked.accountId());
        var evidence = seal.open(account, processInstanceId, clicked.clickEvidence());
        ResubscribeOutcome outcome = contacts.confirmResubscription(account,
                new ResubscriptionId(clicked.resubscriptionId()), evidence);
        rows.evidenceHandedOver(processInstanceId,
                outcome.subscriberId() == null ? null : outcome.subscriberId().value());
        Map<String, Object> variables = new HashMap<>();
        variables.put(Var.SUBSCRIPTION_CONFIRMED, outcome.outcome() == ConfirmOutcome.CONFIRMED);
        if (outcome.subscriberId() != null) {
            variables.put(Var.SUBSCRIBER_ID, outcome.subscriberId().value().toString());
            variables.put(Var.SUBSCRIPTION_ID, outcome.subscriptionId().value().toString());
        }
        return variables;
    }
}
