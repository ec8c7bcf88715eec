package dev.consentflow.contacts;

import dev.consentflow.dispatch.Channel;
import java.time.Instant;

/**
 * One subscription with all of its consent evidence, as an export shows it: when, from which IP and user agent
 * the person asked and confirmed, through which form (key and version) or integration, the consent text they
 * saw, and when they left or bounced. A tombstone's keeps only the list, the status and the request's and
 * confirmation's times and IPs.
 */
public record SubscriptionEvidence(String list, Channel channel, SubscriptionStatus status, Source source,
                                   Instant subscribedAt, String subscribeIp, String subscribeUserAgent,
                                   String formKey, Integer formVersion, String integration, String consentText,
                                   Instant confirmedAt, String confirmIp, String confirmUserAgent,
                                   Instant unsubscribedAt, Instant bouncedAt) {

    /** What erasure keeps of a subscription (API.md section 5). */
    public SubscriptionEvidence kept() {
        return new SubscriptionEvidence(list, null, status, null, subscribedAt, subscribeIp, null, null, null, null,
                null, confirmedAt, confirmIp, null, null, null);
    }
}
