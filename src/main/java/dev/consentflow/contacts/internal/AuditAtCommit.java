package dev.consentflow.contacts.internal;

import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends this module's audit entries just before the transaction commits, in the order they happened: still in
 * the transaction (an entry exists if and only if the change does), but last, so an entry is written after the
 * transaction has taken every row lock it waits for: the chain's order (the order entries are written) then
 * follows the order in which changes of one person happened.
 */
@Component
class AuditAtCommit {

    /** The transaction resource holding the transaction's entries until it commits. */
    private static final Object QUEUE = AuditAtCommit.class.getName() + ".queue";

    private final AuditLog log;

    AuditAtCommit(AuditLog log) {
        this.log = log;
    }

    void append(AuditEntry entry) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            log.append(entry);
            return;
        }
        @SuppressWarnings("unchecked")
        List<AuditEntry> queued = (List<AuditEntry>) TransactionSynchronizationManager.getResource(QUEUE);
        if (queued == null) {
            queued = new ArrayList<>();
            List<AuditEntry> queue = queued;
            TransactionSynchronizationManager.bindResource(QUEUE, queue);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    log.appendAll(queue);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(QUEUE);
                }
            });
        }
        queued.add(entry);
    }
}
