package dev.consentflow.contacts;

/** Through which way an unsubscribe arrived, as the audit log records it ({@code "via"}). */
public enum UnsubscribeChannel {
    /** The mail client's one-click button (RFC 8058 POST of {@code List-Unsubscribe=One-Click}). */
    ONE_CLICK,
    /** The unsubscribe page behind the link in a mail. */
    PAGE,
    /** An integration: {@code POST /api/contacts/{id}/unsubscribe}. */
    API,
    /** A spam complaint, as a mailbox provider's feedback loop reports it. */
    COMPLAINT
}
