package dev.consentflow.contacts;

/** Where a contact card came from. */
public enum Source {
    WEBFORM,
    API,
    IMPORT,
    RESUBSCRIBED
}
