package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.PendingSubscriptions;
import dev.consentflow.contacts.SubscriptionId;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PurgePendingSignup}: storage limitation. The links stop working and contacts removes the pending
 * subscription (and the card, when nothing else holds it), audited there as PENDING_PURGED. Under the row lock:
 * a click that won the race keeps its confirmation, and this step then changes nothing.
 */
@Component
class ExpiredSignups {

    private final DoubleOptInRepository doubleOptIns;
    private final ConfirmationTokens tokens;
    private final PendingSubscriptions contacts;

    ExpiredSignups(DoubleOptInRepository doubleOptIns, ConfirmationTokens tokens,
                   PendingSubscriptions contacts) {
        this.doubleOptIns = doubleOptIns;
        this.tokens = tokens;
        this.contacts = contacts;
    }

    void purge(String processInstanceId) {
        // The person's lock first, then the waiting row: the order a repeated signup takes them in.
        doubleOptIns.findById(processInstanceId).ifPresent(row -> contacts.lockPerson(
                new AccountId(row.accountId()), new SubscriptionId(row.subscriptionId())));
        doubleOptIns.lock(processInstanceId).filter(DoubleOptIn::isWaiting).ifPresent(waiting -> {
            doubleOptIns.expired(processInstanceId);
            tokens.forget(processInstanceId);
            contacts.purgeExpired(new AccountId(waiting.accountId()),
                    new SubscriptionId(waiting.subscriptionId()));
        });
    }
}
