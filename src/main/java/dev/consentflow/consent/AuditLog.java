package dev.consentflow.consent;

/** Appends to the hash-chained audit log. */
public interface AuditLog {

    /**
     * Appends one entry in the caller's transaction (it exists if and only if that commits); safe under
     * concurrency, and it locks nothing. The entry takes its seq in the account's chain, linked to the one before
     * it, right after the commit; {@link AuditTrail} shows every committed entry.
     */
    void append(AuditEntry entry);

    /**
     * Appends the entry as the caller's transaction commits (still in it: it exists if and only if the transaction's
     * changes do), after everything else the transaction did, so it is written once the transaction holds every row
     * lock it waits for and the chain's order follows the order in which one person's changes happened. Every entry
     * handed over so in one transaction goes in with one statement, in the order handed over, whichever module
     * handed it. Outside a transaction it is appended at once.
     */
    void appendAtCommit(AuditEntry entry);

    /**
     * Appends the entries in their order, as {@link #append} would one by one, in the caller's transaction: the
     * way many facts of one transaction (an import's chunk) go in without a round trip each. Many entries are
     * chained at once, and then the chain stays locked until the caller commits: call it last (as the contacts
     * module does, just before its commit).
     */
    default void appendAll(java.util.List<AuditEntry> entries) {
        entries.forEach(this::append);
    }

    /**
     * One entry per person, each the given entry about that person (its own {@code subscriberId} is ignored), in the
     * persons' order and the caller's transaction: the way one fact about many people (an operator's export of a
     * list: who received whose data) goes in bulk, a few statements for a hundred thousand people.
     */
    default void appendForEach(AuditEntry entry, java.util.List<java.util.UUID> subscriberIds) {
        appendAll(subscriberIds.stream().map(id -> new AuditEntry(entry.account(), id, entry.action(), entry.actor(),
                entry.detail(), entry.processInstanceId())).toList());
    }
}
