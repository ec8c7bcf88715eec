package dev.consentflow.consent;

/** Appends to the hash-chained audit log. */
public interface AuditLog {

    /**
     * Appends one entry in the caller's transaction (it exists if and only if that commits), chained to the
     * previous one; safe under concurrency. Answers the entry's sequence number.
     */
    long append(AuditEntry entry);

    /**
     * Appends the entries in their order, as {@link #append} would one by one, in the caller's transaction: the
     * way many facts of one transaction (an import's chunk) go in without a round trip each.
     */
    default void appendAll(java.util.List<AuditEntry> entries) {
        entries.forEach(this::append);
    }
}
