package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;
import java.util.UUID;

/** The one way out of the server for mail and SMS. */
public interface Dispatch {

    /**
     * Writes the message to the outbox in the caller's transaction: it is sent if and only if that transaction
     * commits. Answers the message id.
     */
    UUID enqueue(OutboundMessage message);

    /** The counts of a batch (a campaign), by state. */
    Ledger ledger(String batchId);

    /** Ends every message to this person that is not sent yet as SUPPRESSED (erasure); answers how many. */
    int suppressQueued(AccountId account, UUID subscriberId);

    /** Where one message stands, if it exists in this account (for example to show a confirmation was sent). */
    Optional<MessageState> state(AccountId account, UUID messageId);
}
