package dev.consentflow.contacts;

/** The state of one subscription to one list. */
public enum SubscriptionStatus {
    PENDING,
    CONFIRMED,
    UNSUBSCRIBED,
    BOUNCED
}
