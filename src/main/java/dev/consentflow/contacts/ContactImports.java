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

    /**
     * Imports one chunk. Answers one outcome per row, in the rows' order.
     *
     * @throws dev.consentflow.web.InvalidInputException when the list is not one of the account
     */
    List<ImportOutcome> importBatch(AccountId account, ImportBatch batch);
}
