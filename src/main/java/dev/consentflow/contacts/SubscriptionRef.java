package dev.consentflow.contacts;

/** A subscription's owner and list, by ids, with its status. */
public record SubscriptionRef(SubscriberId subscriberId, SubscriptionId subscriptionId, ListInfo list,
                              SubscriptionStatus status) {
}
