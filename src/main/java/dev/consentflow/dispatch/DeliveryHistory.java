package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The person's sent-mail history: every message to a person that reached a final state, kept compact (ids, states,
 * times) after the outbox row itself is gone. Written by dispatch in the transaction that ends each message; read
 * by the person's record (timeline, card, export); forgotten with the person at erasure.
 */
public interface DeliveryHistory {

    /** The person's messages, oldest first, each with its mailing named ({@link MailingNames}). */
    List<SentMessage> of(AccountId account, UUID subscriberId);

    /** The newest {@code limit} of the person's messages, newest first, and how many there are in all. */
    Recent recent(AccountId account, UUID subscriberId, int limit);

    /** Deletes the person's history, in the caller's transaction (erasure); answers how many rows went. */
    int forget(AccountId account, UUID subscriberId);

    /** Mailings (campaigns) by their batch id in words, for anything else that names one (an open, a click). */
    Map<String, String> mailingNames(AccountId account, Collection<String> batchIds);

    /**
     * How long a message stays in the outbox (its campaign's ledger) once final; this history outlives it
     * ({@code CONSENTFLOW_DISPATCH_LEDGER_RETENTION}).
     */
    Duration ledgerRetention();

    record Recent(List<SentMessage> messages, long total) {
    }
}
