package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;

/**
 * The end of a double opt-in's waiting subscription: confirmed by the person's click, or removed when it expired.
 * Every method is scoped by the account and runs in the caller's transaction when there is one; each consent fact
 * is audited in the same transaction.
 */
public interface PendingSubscriptions {

    /** Confirms a pending subscription once, with the click's evidence (audited CONFIRMED once). */
    ConfirmOutcome confirm(AccountId account, SubscriptionId subscription, ConsentEvidence confirmation);

    /**
     * The subscription a confirmation click is about to confirm, its row locked until the transaction ends: a
     * {@link #confirm} of it in the same transaction takes the row and its list from here instead of reading them
     * again. Empty when the subscription is gone or its card erased (the confirmation then reads and checks them).
     */
    Optional<SubscriptionRef> lockForConfirmation(AccountId account, SubscriptionId subscription);

    /**
     * An unconfirmed signup expired: removes the pending subscription, and the card with its personal data when
     * nothing else holds it (storage limitation). Audited as PENDING_PURGED without personal data.
     */
    void purgeExpired(AccountId account, SubscriptionId subscription);

    /**
     * Takes, until the transaction ends, the lock a signup of this subscription's address takes first. A caller
     * that also locks rows of its own which a signup locks (the double opt-in's waiting row) calls this before
     * them, so both take the locks in one order and never deadlock.
     */
    void lockPerson(AccountId account, SubscriptionId subscription);
}
