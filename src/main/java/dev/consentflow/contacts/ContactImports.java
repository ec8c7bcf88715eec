package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.List;

/**
 * Bulk writes for imports: one call per chunk of rows of a file, in the caller's transaction. It checks every row
 * with the same rules as the API ({@link EmailAddress}, {@link MobileNumber}, {@link CustomFields}), looks up the
 * chunk's addresses with one query, and writes new cards, their sealed values and their subscriptions with JDBC
 * batches; the audit entries (SUBSCRIBED and CONFIRMED per new subscription) are appended in one batch at commit.
 * Erased addresses (the newest card of the address is a tombstone) and addresses UNSUBSCRIBED or BOUNCED on the
 * list are rejected: an import never brings anybody back.
 */
public interface ContactImports {

    /** Why an erased address's row is rejected, wherever an import meets it (at the row, or dropped at erasure). */
    String ERASED = "erased: only a confirmed opt-in can bring this address back";

    /**
     * The CPU work of one chunk, to do before its transaction (and in parallel with other chunks' writes): every
     * row checked, its blind indexes computed and the cards that may be new sealed. Writes nothing.
     */
    Prepared prepare(AccountId account, ImportBatch batch);

    /**
     * Imports one chunk made by {@link #prepare}, in the caller's transaction: the address locks, the lookups and
     * the writes. Answers one outcome per row, in the rows' order.
     *
     * @throws dev.consentflow.web.InvalidInputException when the list is not one of the account
     */
    List<ImportOutcome> importBatch(AccountId account, Prepared prepared);

    /** Imports one chunk: {@link #prepare} then {@link #importBatch(AccountId, Prepared)}. */
    default List<ImportOutcome> importBatch(AccountId account, ImportBatch batch) {
        return importBatch(account, prepare(account, batch));
    }

    /** A chunk checked and sealed, to import; holds the rows' values, so it lives only as long as the chunk. */
    interface Prepared {
        /**
         * The address locks the chunk's transaction will take (and the same keys of the rows' other addresses): two
         * chunks that share one hold the same person or the same number, and a caller that writes chunks in
         * parallel keeps the file's order for them by letting the later one wait.
         */
        java.util.Set<Long> addressLocks();
    }
}
