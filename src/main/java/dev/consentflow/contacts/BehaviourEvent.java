package dev.consentflow.contacts;

import java.time.Instant;
import java.util.Map;

/**
 * One thing a person did, for their card and MailRating.
 *
 * @param type     what happened
 * @param at       when
 * @param campaign the campaign id it belongs to, or null
 * @param details  what else is known (a link, a city); personal, so encrypted at rest under the card's key
 */
public record BehaviourEvent(EventType type, Instant at, String campaign, Map<String, String> details) {

    public BehaviourEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
