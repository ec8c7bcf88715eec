package dev.consentflow.privacy.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code consentflow.privacy.erasure}: how long a tombstone (and its finished erasure request) is kept after the
 * erasure, and when the daily removal runs.
 *
 * @param tombstoneRetention how long an account may have to prove a consent or an erasure (the documentation
 *                           duty, at most the limitation period of claims); empty keeps tombstones for ever
 * @param retentionCron      when expired tombstones are removed (server time zone)
 */
@ConfigurationProperties("consentflow.privacy.erasure")
record ErasureProperties(Duration tombstoneRetention, String retentionCron) {

    ErasureProperties {
        if (tombstoneRetention != null && (tombstoneRetention.isNegative() || tombstoneRetention.isZero())) {
            throw new IllegalArgumentException("consentflow.privacy.erasure.tombstone-retention must be positive, "
                    + "or empty to keep tombstones for ever");
        }
        if (retentionCron == null || retentionCron.isBlank()) {
            retentionCron = "0 30 1 * * *";
        }
    }
}
