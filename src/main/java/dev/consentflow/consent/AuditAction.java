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
    /** An export request ran out: undecided in time, or its approved download window closed. */
    EXPORT_EXPIRED,
    /** A person's access request (GDPR Art. 15) was recorded, with its due date. */
    ACCESS_REQUESTED,
    /** An access request passed its due date undelivered: escalated to the account's compliance officers. */
    ACCESS_OVERDUE,
    /** An access request was answered: the person's export was delivered. */
    ACCESS_DELIVERED,
    ERASURE_REQUESTED,
    ERASED,
    /** A second person approved an erasure request (four-eyes). */
    ERASURE_APPROVED,
    /** A second person rejected an erasure request: nothing was erased. */
    ERASURE_REJECTED,
    /** A tombstone reached the end of its retention and was removed. */
    TOMBSTONE_PURGED,
    /** An account setting that matters to compliance changed (for example the four-eyes approval of erasures). */
    SETTING_CHANGED,
    RESUBSCRIBED,
    KEY_CREATED,
    /** An API key was revoked ({@code DELETE /api/keys/{id}}); it answers 401 from then on. */
    KEY_REVOKED,
    /** A confirmation or reminder was handed to dispatch. */
    CONFIRMATION_SENT,
    /** An unconfirmed signup expired and its pending data was removed (storage limitation). */
    PENDING_PURGED,
    /** An erased person's return to a list was asked for; recorded on the tombstone, which stays unchanged. */
    RESUBSCRIBE_REQUESTED
,
    /** A console user signed in (actor {@code user:<id>}). */
    SIGNED_IN,
    /** A wrong password for a console user (actor {@code user:<id>}, detail: the client IP). */
    SIGN_IN_FAILED,
    SIGNED_OUT,
    /** An ADMIN invited a person to the console (detail: the new user's id and role). */
    USER_INVITED,
    /** An invited person set a password and joined the console. */
    USER_JOINED,
    /** An ADMIN removed a console user: their sessions end and they cannot sign in any more. */
    USER_REMOVED,
    /** A console user changed their own language. */
    LANGUAGE_CHANGED,
    /** A failed step of an account's flow was given another attempt (detail: incident, flow, activity, instance). */
    INCIDENT_RETRIED,
    /**
     * The person marked one of our mails as spam, as a mailbox provider's feedback loop (ARF) or an ESP reported it
     * (detail: the provider, the message id); every list of that brand was unsubscribed with it.
     */
    COMPLAINED,
    /** An ADMIN rotated the account's key: a new version, the data keys re-wrapped under it in the background. */
    KEY_ROTATION_STARTED,
    /** No data key used these key versions any more: they were retired (detail: the versions). */
    KEY_VERSION_RETIRED,
    /** A retention job removed data at the end of its retention period (detail: what, how many, before when). */
    RETENTION_APPLIED,
    /** A brand record was created (detail: the brand's key and the fields set). */
    BRAND_CREATED,
    /** A brand record changed (detail: the brand's key and the changed fields, or {@code dkim} and the selector). */
    BRAND_CHANGED,
    /** A list was created (detail: the list and its settings). */
    LIST_CREATED,
    /** A list's settings changed: name, brand, language, tracking (detail: the list and the changed fields). */
    LIST_CHANGED,
    /**
     * A list's own wording of a built-in mail was saved (detail: the list, the kind and the SHA-256 of subject, HTML
     * and text) or removed, back to the built-in text ({@code builtIn: true}).
     */
    LIST_MESSAGE_CHANGED
}
