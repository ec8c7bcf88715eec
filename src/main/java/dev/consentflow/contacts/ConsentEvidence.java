package dev.consentflow.contacts;

import java.time.Instant;

/**
 * What proves a consent step: when, from which client IP, with which user agent, through which form (key and
 * version) or integration, and the consent text the person saw. Kept with the subscription.
 */
public record ConsentEvidence(Instant at, String ip, String userAgent, String formKey, Integer formVersion,
                              String consentText) {

    /** Evidence of a confirmation click: time, IP and user agent. */
    public static ConsentEvidence ofClick(Instant at, String ip, String userAgent) {
        return new ConsentEvidence(at, ip, userAgent, null, null, null);
    }
}
