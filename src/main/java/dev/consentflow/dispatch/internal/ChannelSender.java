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

    @Override
    default void close() {
    }
}
