package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Recipient;

/** Hands one message to a relay or gateway and reports its answer. Never throws for a relay's failure. */
interface ChannelSender extends AutoCloseable {

    Channel channel();

    /** How many messages it can send at once: the worker threads of its lane. */
    int parallelism();

    /** About the longest one {@link #send} can take; a row is started only with this much lease left. */
    java.time.Duration sendBudget();

    Delivery send(OutboxRow row, Letter letter, Recipient recipient);

    /**
     * As {@link #send(OutboxRow, Letter, Recipient)} for a row whose start is being committed meanwhile: the
     * sender may prepare the message (and the relay's transaction up to the point where the relay takes it), but
     * hands it over only after {@code start} answered true, and not at all when it answered false or threw. What
     * it answers then does not count: the courier records nothing for a row that did not start.
     */
    default Delivery send(OutboxRow row, Letter letter, Recipient recipient, StartGate start) {
        if (!start.started()) {
            return Delivery.soft("not started");
        }
        return send(row, letter, recipient);
    }

    /** Whether the row's start is committed (waiting for it); throws what the start's statement threw. */
    @FunctionalInterface
    interface StartGate {
        boolean started();
    }

    @Override
    default void close() {
    }
}
