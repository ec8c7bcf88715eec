package dev.consentflow.contacts;

/** What a signup led to. The public answer is the same for all of them (no enumeration). */
public sealed interface SignupOutcome {

    /**
     * A pending subscription waits for confirmation; {@code newRequest} is false when one was pending already.
     * {@code list} is the list it was made on, when it was made just now (so the confirmation's mail, in the same
     * transaction, needs not read it again); null otherwise.
     */
    record Pending(SubscriberId subscriberId, SubscriptionId subscriptionId, boolean newRequest, ListInfo list)
            implements SignupOutcome {

        public Pending(SubscriberId subscriberId, SubscriptionId subscriptionId, boolean newRequest) {
            this(subscriberId, subscriptionId, newRequest, null);
        }
    }

    /** The person is confirmed on this list already: nothing to do. */
    record AlreadyConfirmed(SubscriberId subscriberId, SubscriptionId subscriptionId) implements SignupOutcome {
    }

    /** The newest card of this address is a tombstone: only a confirmed resubscription brings it back. */
    record Erased(SubscriberId tombstoneId) implements SignupOutcome {
    }
}
