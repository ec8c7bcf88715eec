package dev.consentflow.consent;

/** Appends to the hash-chained audit log. */
public interface AuditLog {

    /**
     * Appends one entry in the caller's transaction (it exists if and only if that commits), chained to the
     * previous one; safe under concurrency. Answers the entry's sequence number.
     */
    long append(AuditEntry entry);
}
