package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed row to its relay, outside any transaction: opens the content, asks the directory whether
 * and where it may still go, marks it started (while the message is built and its envelope given to the relay,
 * whose DATA waits for the start's commit), sends, and records the answer. Log lines carry ids, never an
 * address or content.
 */
final class Courier {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final String node;
    private final DispatchProperties properties;
    private final Outbox outbox;
    private final ContentSeal seal;
    private final RateLimiter rateLimiter;
    private final DispatchMetrics metrics;
    private final MessageStarts starts;
    private final DomainLimits domains;

    /** A courier without limits per domain group (benchmarks, and tests about other things). */
    Courier(String node, DispatchProperties properties, Outbox outbox, ContentSeal seal, RateLimiter rateLimiter,
            DispatchMetrics metrics) {
        this(node, properties, outbox, seal, rateLimiter, metrics, null);
    }

    Courier(String node, DispatchProperties properties, Outbox outbox, ContentSeal seal, RateLimiter rateLimiter,
            DispatchMetrics metrics, DomainLimits domains) {
        this.domains = domains;
        this.node = node;
        this.properties = properties;
        this.outbox = outbox;
        this.seal = seal;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.starts = new MessageStarts(node, outbox);
    }

    /** Waits until the final states of every row this courier sent are recorded (the node stops). */
    void flush() {
        starts.flush();
    }

    /** The rows whose answer this courier has and has not recorded yet (see {@link MessageStarts#unrecorded()}). */
    java.util.Set<java.util.UUID> unrecordedAnswers() {
        return starts.unrecorded();
    }

    void deliver(OutboxRow row, ChannelSender sender, RecipientDirectory directory) {
        deliver(row, sender, directory, null);
    }

    /**
     * As {@link #deliver(OutboxRow, ChannelSender, RecipientDirectory)}, with the directory's answer when it was
     * asked for the whole claimed batch at once; answers older than {@link ClaimedAnswers#FRESH} (the rows waited
     * for their threads) are asked again for the claim's rows not taken yet, so the answer is never older than it
     * was when each row asked on its own.
     */
    void deliver(OutboxRow row, ChannelSender sender, RecipientDirectory directory, Resolved resolved) {
        Letter letter;
        try {
            letter = seal.open(row.account(), row.id(), row.keyVersion(), row.sealedContent());
        } catch (RuntimeException e) {
            log.error("Outbox message {} cannot be opened (changed, or sealed under another master key)", row.id());
            record(row, Delivery.failed("the sealed content cannot be opened"), directory);
            return;
        }
        Optional<Recipient> recipient;
        try {
            Optional<Recipient> claimed = resolved == null ? null : resolved.answers().take(resolved.lookup());
            recipient = claimed != null ? claimed
                    : directory.resolve(row.account(), row.subscriberId(), row.subscriptionId(), row.channel(),
                            row.purpose());
        } catch (RuntimeException e) {
            log.warn("The recipient directory failed for message {}; trying again later", row.id(), e);
            outbox.retryLater(row.id(), node, properties.retryDelays().get(0), "recipient directory failed");
            return;
        }
        if (recipient.isEmpty()) {
            finish(row, MessageState.SUPPRESSED, "suppressed at send time");
            return;
        }
        DomainLimits.Ticket ticket = admit(row, sender, recipient.get());
        if (ticket != null && ticket.deferred()) {
            outbox.defer(row.id(), node, ticket.deferFor());
            return;
        }
        try {
            rateLimiter.acquire();
            // The start commits while the sender builds the message and gives the relay its envelope; the relay
            // gets DATA only once the start is committed (ChannelSender#send with a StartGate).
            MessageStarts.Pending start = starts.request(row.id(), sender.sendBudget());
            Delivery delivery;
            try {
                delivery = sender.send(row, letter, recipient.get(), start::started);
            } catch (RuntimeException e) {
                // Nothing says whether the relay took it: list mail ends UNKNOWN, a confirmation is sent again.
                log.error("Sending outbox message {} failed unexpectedly", row.id(), e);
                delivery = Delivery.unknown("unexpected failure while sending: " + e.getClass().getSimpleName());
            }
            if (!start.started()) {
                // Not sent: the sender never let the message out without its start.
                if (outbox.holdBackPaused(row.id(), node)) {
                    log.info("Outbox message {} waits: its batch paused since it was claimed", row.id());
                } else {
                    log.info("Outbox message {} is no longer this node's to send (lease lost or suppressed)",
                            row.id());
                }
                return;
            }
            if (delivery.slowDown() && ticket != null) {
                domains.backOff(ticket.group());
            }
            record(row.withAttempts(row.attempts() + 1), delivery, directory);
        } finally {
            if (ticket != null) {
                domains.release(ticket, node);
            }
        }
    }

    /** Where a row's directory answer is, asked with its claim's. */
    record Resolved(ClaimedAnswers answers, RecipientDirectory.Lookup lookup) {
    }

    /** The limits of the recipient's domain group (mail only); null when there are none to keep. */
    private DomainLimits.Ticket admit(OutboxRow row, ChannelSender sender, Recipient recipient) {
        if (domains == null || row.channel() != Channel.EMAIL) {
            return null;
        }
        return domains.admit(domains.groupOf(recipient.address()), node, sender.sendBudget());
    }

    private void record(OutboxRow row, Delivery delivery, RecipientDirectory directory) {
        String answer = delivery.redactedAnswer();
        switch (delivery.verdict()) {
            case SENT -> finish(row, MessageState.SENT, answer);
            case UNKNOWN -> {
                if (row.purpose().isSentAgainWhenUncertain()) {
                    log.warn("Confirmation {} may or may not have been delivered ({}): sending it again", row.id(),
                            answer);
                    retryOrExpire(row, answer);
                } else {
                    log.warn("Outbox message {} may or may not have been delivered: {}", row.id(), answer);
                    finish(row, MessageState.UNKNOWN, answer);
                }
            }
            case HARD -> finish(row, MessageState.HARD_FAIL, answer, () -> {
                if (delivery.bounce()) {
                    bounced(row, answer, directory);
                }
            });
            case SOFT -> retryOrExpire(row, answer);
        }
    }

    private void retryOrExpire(OutboxRow row, String answer) {
        Duration delay = properties.retryDelayAfter(row.attempts());
        if (delay == null) {
            log.warn("Outbox message {} expired after {} attempts: {}", row.id(), row.attempts(), answer);
            finish(row, MessageState.EXPIRED, "expired after " + row.attempts() + " attempts: " + answer);
            return;
        }
        if (outbox.retryLater(row.id(), node, delay, answer)) {
            metrics.recorded(row.channel(), MessageState.SOFT_FAIL);
        }
    }

    private void finish(OutboxRow row, MessageState state, String answer) {
        finish(row, state, answer, () -> { });
    }

    /** Records the final state with others (see {@link MessageStarts}); {@code recorded} runs once it is. */
    private void finish(OutboxRow row, MessageState state, String answer, Runnable recorded) {
        starts.finish(new Outbox.Final(row.id(), state, answer), held -> {
            if (held) {
                metrics.recorded(row.channel(), state);
                recorded.run();
            } else {
                log.warn("Outbox message {} ended {} but this node had lost it meanwhile; not recorded", row.id(),
                        state);
            }
        });
    }

    private static void bounced(OutboxRow row, String answer, RecipientDirectory directory) {
        try {
            directory.bounced(row.account(), row.subscriberId(), row.subscriptionId(), answer);
        } catch (RuntimeException e) {
            log.error("The recipient directory could not record the bounce of message {}", row.id(), e);
        }
    }
}
