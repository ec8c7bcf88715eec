package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * With no SMS gateway configured, SMS "go" here: kept in memory (the last thousand), readable at {@code /dev/sms},
 * so a newcomer can follow an SMS signup without a gateway. Nothing of it exists once a gateway is set.
 */
final class DevSmsOutbox implements ChannelSender {

    private static final int KEPT = 1000;

    record Sms(UUID messageId, String to, String text, Instant sentAt) {
    }

    private final Deque<Sms> sent = new ArrayDeque<>();
    private final int parallelism;

    DevSmsOutbox(int parallelism) {
        this.parallelism = parallelism;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public Duration sendBudget() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Delivery send(OutboxRow row, Letter letter, Recipient recipient) {
        synchronized (sent) {
            sent.addFirst(new Sms(row.id(), recipient.address(), letter.text(), Instant.now()));
            while (sent.size() > KEPT) {
                sent.removeLast();
            }
        }
        return Delivery.sent("kept in the development SMS outbox");
    }

    /** Newest first. */
    List<Sms> messages() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }
}
