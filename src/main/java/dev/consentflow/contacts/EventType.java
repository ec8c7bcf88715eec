package dev.consentflow.contacts;

/** What a behaviour event on a card records. */
public enum EventType {
    /** A mail was opened (tracking pixel). */
    OPEN,
    /** A tracked link was clicked. */
    CLICK,
    /** The card was changed (which fields, never their values). */
    UPDATE,
    /** Where the person was seen (country, city), derived from an open or click. */
    GEO
}
