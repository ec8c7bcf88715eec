package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The one way out of the server for mail and SMS. */
public interface Dispatch {

    /**
     * Writes the message to the outbox in the caller's transaction: it is sent if and only if that transaction
     * commits. Answers the message id.
     */
    UUID enqueue(OutboundMessage message);

    /**
     * As {@link #enqueue} for many messages at once (a campaign's page), written in one statement: sent if and only
     * if the caller's transaction commits. Answers the message ids, in the order of the messages.
     */
    List<UUID> enqueueAll(List<OutboundMessage> messages);

    /** The counts of a batch (a campaign), by state. */
    Ledger ledger(String batchId);

    /** Ends every message to this person that is not sent yet as SUPPRESSED (erasure); answers how many. */
    int suppressQueued(AccountId account, UUID subscriberId);

    /** Where one message stands, if it exists in this account (for example to show a confirmation was sent). */
    Optional<MessageState> state(AccountId account, UUID messageId);

    /** The bounces and complaints reported about a batch (a campaign), and whether it is paused. */
    BatchFeedback feedback(String batchId);

    /**
     * Stops handing the batch's messages to the relay: the queued ones wait (messages already being sent finish).
     * Answers false when it was paused already.
     */
    boolean pause(AccountId account, String batchId, String reason);

    /** Sends the batch's waiting messages again, where it stopped; answers false when it was not paused. */
    boolean resume(AccountId account, String batchId);

    /** The account's complaints per message handed to the relay, over the last 30 days (0 when none was). */
    double complaintRate(AccountId account);
}
