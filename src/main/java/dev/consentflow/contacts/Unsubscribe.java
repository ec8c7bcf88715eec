package dev.consentflow.contacts;

import dev.consentflow.web.ClientAddress;
import java.time.Instant;

/**
 * An unsubscribe request with the evidence the audit log keeps: when, from which IP, through which channel.
 *
 * @param subscription      the subscription whose link, page or API call it came through
 * @param scope             that list only, or every list of its brand
 * @param channel           one-click, page, API or complaint
 * @param at                when it was asked for (null: now)
 * @param ip                the client IP it came from ({@link ClientAddress#canonical}), or null when there is none
 *                          (a complaint)
 * @param processInstanceId the {@code unsubscribe} process instance that acts, or null
 */
public record Unsubscribe(SubscriptionId subscription, UnsubscribeScope scope, UnsubscribeChannel channel, Instant at,
                          String ip, String processInstanceId) {

    public Unsubscribe {
        if (subscription == null || scope == null || channel == null) {
            throw new IllegalArgumentException("subscription, scope and channel are required");
        }
        ip = ClientAddress.canonical(ip);
    }

    /** The same request, as the process instance that carries it out. */
    public Unsubscribe by(String processInstance) {
        return new Unsubscribe(subscription, scope, channel, at, ip, processInstance);
    }
}
