package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.DeliveryFeedback;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.FeedbackRecorded;
import dev.consentflow.dispatch.RecipientDirectory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link DeliveryFeedback}: every report, from every source, through the same rules in one transaction. A hard
 * bounce makes the subscription BOUNCED at once; soft bounces of three different messages within 15 days do too;
 * a complaint is published as {@link FeedbackRecorded} like every other event, and its listeners (the
 * subscription module unsubscribes the brand; campaigns checks its pause thresholds) act in the same transaction.
 * A report recorded before (same source and event id) changes nothing.
 */
@Service
class FeedbackRules implements DeliveryFeedback {

    static final int SOFT_BOUNCES = 3;
    static final Duration SOFT_BOUNCE_WINDOW = Duration.ofDays(15);

    private static final Logger log = LoggerFactory.getLogger(FeedbackRules.class);
    private static final Pattern PROVIDER = Pattern.compile(" from ([a-z0-9.-]{1,100})$");

    private final FeedbackStore store;
    private final RecipientDirectory directory;
    private final ApplicationEventPublisher events;

    FeedbackRules(FeedbackStore store, RecipientDirectory directory, ApplicationEventPublisher events) {
        this.store = store;
        this.directory = directory;
        this.events = events;
    }

    @Override
    @Transactional
    public boolean record(FeedbackEvent event) {
        Optional<FeedbackStore.Sent> found = store.message(event.messageId());
        if (found.isEmpty()) {
            log.info("Feedback {} from {} names no message of ours; ignored", event.kind(), event.source());
            return false;
        }
        FeedbackStore.Sent message = found.get();
        String diagnostic = redacted(event.diagnostic());
        if (!store.insert(event, message, diagnostic)) {
            return false;
        }
        switch (event.kind()) {
            case HARD_BOUNCE -> directory.bounced(message.account(), message.subscriberId(), message.subscriptionId(),
                    diagnostic);
            case SOFT_BOUNCE -> {
                if (message.subscriptionId() != null && store.softBouncedMessages(message.subscriptionId(),
                        event.at().minus(SOFT_BOUNCE_WINDOW)) >= SOFT_BOUNCES) {
                    directory.bounced(message.account(), message.subscriberId(), message.subscriptionId(),
                            diagnostic);
                }
            }
            case COMPLAINT -> log.info("Complaint about message {} from {}", message.id(), provider(event));
        }
        events.publishEvent(new FeedbackRecorded(message.account(), message.id(), message.subscriberId(),
                message.subscriptionId(), message.batchId(), event.kind(), event.source(), provider(event),
                diagnostic, event.at()));
        return true;
    }

    /**
     * Who reported it: an ESP is its own source; a mailbox report says which provider sent it with a trailing
     * {@code " from <domain>"} in its diagnostic (as the mailbox reader writes it).
     */
    static String provider(FeedbackEvent event) {
        Matcher from = PROVIDER.matcher(event.diagnostic().toLowerCase(Locale.ROOT));
        return from.find() ? from.group(1) : event.source();
    }

    /** Diagnostics repeat addresses; nothing personal is stored, and nothing longer than the column. */
    static String redacted(String diagnostic) {
        String safe = new Delivery(Delivery.Verdict.HARD, diagnostic, false, false).redactedAnswer();
        return safe == null || safe.isEmpty() ? null : safe.length() > 200 ? safe.substring(0, 200) : safe;
    }
}
