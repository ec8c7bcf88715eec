package dev.consentflow.consent;

/** The facts the audit log records (API.md section 6). */
public enum AuditAction {
    SUBSCRIBED,
    CONFIRMED,
    UNSUBSCRIBED,
    UPDATED,
    BOUNCED,
    VIEWED,
    EXPORTED,
    EXPORT_REQUESTED,
    EXPORT_APPROVED,
    EXPORT_REJECTED,
    ERASURE_REQUESTED,
    ERASED,
    RESUBSCRIBED,
    KEY_CREATED,
    /** A confirmation or reminder was handed to dispatch. */
    CONFIRMATION_SENT,
    /** An unconfirmed signup expired and its pending data was removed (storage limitation). */
    PENDING_PURGED,
    /** An erased person's return to a list was asked for; recorded on the tombstone, which stays unchanged. */
    RESUBSCRIBE_REQUESTED
}
