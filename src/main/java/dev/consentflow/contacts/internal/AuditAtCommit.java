package dev.consentflow.contacts.internal;

import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import org.springframework.stereotype.Component;

/**
 * Appends this module's audit entries just before the transaction commits, in the order they happened: still in
 * the transaction (an entry exists if and only if the change does), but last, so an entry is written after the
 * transaction has taken every row lock it waits for: the chain's order (the order entries are written) then
 * follows the order in which changes of one person happened. The entries of other modules handed over the same
 * way in the same transaction (a signup's confirmation mail) go in with them, in one statement
 * ({@link AuditLog#appendAtCommit}).
 */
@Component
class AuditAtCommit {

    private final AuditLog log;

    AuditAtCommit(AuditLog log) {
        this.log = log;
    }

    void append(AuditEntry entry) {
        log.appendAtCommit(entry);
    }
}
