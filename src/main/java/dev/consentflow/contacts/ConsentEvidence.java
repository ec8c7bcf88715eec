package dev.consentflow.contacts;

import dev.consentflow.web.ClientAddress;
import java.time.Instant;

/**
 * What proves a consent step: when, from which client IP, with which user agent, through which form (key and
 * version) or integration, and the consent text the person saw. Kept with the subscription; the IP in its
 * {@link ClientAddress#canonical} form, whoever wrote it ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}).
 */
public record ConsentEvidence(Instant at, String ip, String userAgent, String formKey, Integer formVersion,
                              String consentText) {

    public ConsentEvidence {
        ip = ClientAddress.canonical(ip);
    }

    /** Evidence of a confirmation click: time, IP and user agent. */
    public static ConsentEvidence ofClick(Instant at, String ip, String userAgent) {
        return new ConsentEvidence(at, ip, userAgent, null, null, null);
    }
}
