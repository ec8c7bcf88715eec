package dev.consentflow.contacts;

/**
 * The contact-level permission, derived from the subscriptions: CONFIRMED when any list is confirmed, PENDING
 * when none is but one waits for confirmation, UNSUBSCRIBED when no list is left, DELETED after erasure.
 */
public enum Permission {
    PENDING,
    CONFIRMED,
    UNSUBSCRIBED,
    DELETED
}
