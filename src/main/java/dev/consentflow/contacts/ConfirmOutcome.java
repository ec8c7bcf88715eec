package dev.consentflow.contacts;

/** What a confirmation did. */
public enum ConfirmOutcome {
    /** The subscription went from PENDING to CONFIRMED now, with its evidence. */
    CONFIRMED,
    /** It was confirmed before: nothing changed. */
    ALREADY_CONFIRMED,
    /** It is not pending any more (expired, purged, unsubscribed, erased): nothing changed. */
    NOT_PENDING
}
