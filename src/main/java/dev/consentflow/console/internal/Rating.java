package dev.consentflow.console.internal;

import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactLookup.PersonRecord;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The card's behaviour part: MailRating as 1 to 5 stars (5 is VIP) and the one-line reason, counted over the same
 * 90 days the rating is computed from.
 */
record Rating(int stars, boolean vip, long opens, long clicks, long bounces) {

    static final Duration WINDOW = Duration.ofDays(90);

    static Rating of(PersonRecord person) {
        Instant since = Instant.now().minus(WINDOW);
        long opens = 0;
        long clicks = 0;
        for (BehaviourEvent event : person.events()) {
            if (event.at() != null && event.at().isAfter(since)) {
                opens += event.type() == EventType.OPEN ? 1 : 0;
                clicks += event.type() == EventType.CLICK ? 1 : 0;
            }
        }
        long bounces = person.subscriptions().stream().filter(s -> s.status() == SubscriptionStatus.BOUNCED).count();
        int stars = Math.max(1, Math.min(5, person.card().mailRating()));
        return new Rating(stars, stars == 5, opens, clicks, bounces);
    }
}
