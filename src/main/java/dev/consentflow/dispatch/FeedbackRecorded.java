package dev.consentflow.dispatch;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.UUID;

/**
 * A new {@link FeedbackEvent} was recorded about one of our messages, published in the transaction that
 * recorded it (so a listener's change commits with it, or not at all). Ids only.
 *
 * @param account        the message's account
 * @param messageId      the outbox message
 * @param subscriberId   the person it went to
 * @param subscriptionId the subscription it served, or null
 * @param batchId        its batch (a campaign id), or null
 * @param kind           what happened
 * @param source         who reported it ({@code mailbox}, {@code smtp}, an ESP)
 * @param provider       the mailbox provider or ESP that reported it (a domain, or the source)
 * @param diagnostic     the status or feedback type, redacted
 * @param at             when it happened
 */
public record FeedbackRecorded(AccountId account, UUID messageId, UUID subscriberId, UUID subscriptionId,
                               String batchId, FeedbackEvent.Kind kind, String source, String provider,
                               String diagnostic, Instant at) {
}
