package dev.consentflow.contacts;

/**
 * What confirming a resubscription did.
 *
 * @param outcome        CONFIRMED: a new card with a CONFIRMED subscription exists now (or, when the person came
 *                       back meanwhile through another list, their live card is confirmed on this list too);
 *                       ALREADY_CONFIRMED: that live card was confirmed on this list before; NOT_PENDING: nothing
 *                       changed (the request expired, or the address has another newest card)
 * @param subscriberId   the card that holds the subscription, or null for NOT_PENDING
 * @param subscriptionId the subscription, or null for NOT_PENDING
 */
public record ResubscribeOutcome(ConfirmOutcome outcome, SubscriberId subscriberId, SubscriptionId subscriptionId) {

    public static ResubscribeOutcome notPending() {
        return new ResubscribeOutcome(ConfirmOutcome.NOT_PENDING, null, null);
    }
}
