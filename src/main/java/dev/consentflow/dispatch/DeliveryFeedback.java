package dev.consentflow.dispatch;

/**
 * What happened to a message after it left the server, as the receiving side reported it: a bounce that arrived
 * later as a delivery status notification, a complaint (an ARF report from a mailbox provider), or an event an
 * ESP relay posted to a webhook. Every source (the bounce mailbox reader, each provider's webhook) turns its input
 * into a {@link FeedbackEvent} and hands it here; the rules (BOUNCED at once or after repeated soft bounces,
 * UNSUBSCRIBED on complaints, a campaign pausing itself) live behind this one door.
 */
public interface DeliveryFeedback {

    /**
     * Records one event about one of our messages, in the caller's transaction. The same event reported twice (the
     * same {@code source} and {@code eventId}, for example a mailbox message processed again after a crash, or a
     * webhook retried by the provider) has one effect. Answers whether the event was new; an event naming a message
     * this server never sent, or one that no longer exists, is ignored and answers false.
     */
    boolean record(FeedbackEvent event);
}
