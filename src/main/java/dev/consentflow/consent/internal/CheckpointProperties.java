package dev.consentflow.consent.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code consentflow.audit.checkpoint}: when a chain's head gets a signed checkpoint.
 *
 * @param everyEntries a checkpoint once this many entries were appended since the last one
 * @param every        or once this long has passed since it, if anything was appended
 * @param pollInterval how often a node looks (one node at a time writes a chain's checkpoint)
 */
@ConfigurationProperties("consentflow.audit.checkpoint")
record CheckpointProperties(Long everyEntries, Duration every, Duration pollInterval) {

    CheckpointProperties {
        everyEntries = everyEntries == null ? 10_000L : everyEntries;
        every = every == null ? Duration.ofHours(1) : every;
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
    }
}
