package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.SubscriptionConfirmedDirectly;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces a subscription confirmed without a double opt-in (an integration's or a marketer's
 * {@code "confirmed": true}) to the account's automation flows, so a welcome series starts for it as for a
 * confirmed double opt-in, when the account has any flow listening ({@link ConfirmationAnnouncements}:
 * {@code announce-confirmation} started in the confirming transaction, whose async step publishes, so it is never
 * lost and a failing flow never undoes the subscription).
 */
@Component
class DirectConfirmations {

    private final ConfirmationAnnouncements announcements;

    DirectConfirmations(ConfirmationAnnouncements announcements) {
        this.announcements = announcements;
    }

    @EventListener
    void announce(SubscriptionConfirmedDirectly confirmed) {
        // Most accounts deploy no flow on it: then an instance per subscription would be work for nobody (an
        // integration pushing pre-confirmed subscriptions in bulk ran five times slower with it).
        announcements.announce(confirmed.account(), confirmed.subscriberId(), confirmed.subscription(),
                confirmed.listKey());
    }
}
