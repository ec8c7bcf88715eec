package dev.consentflow.contacts;

/** What an unsubscribe covers. */
public enum UnsubscribeScope {
    /** The one list. */
    LIST,
    /** Every list of the list's brand (lists without a brand count as one brand of the account). */
    BRAND
}
