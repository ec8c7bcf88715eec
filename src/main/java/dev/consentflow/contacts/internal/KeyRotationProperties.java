package dev.consentflow.contacts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code consentflow.contacts.key-rotation}: how the data keys of an account are re-wrapped after a rotation.
 *
 * @param batchSize    cards re-wrapped per transaction
 * @param lease        how long a node owns a rotation without renewing it (a dead node's is taken over after it)
 * @param grace        how long the old versions stay usable after the last card left them (reads in flight)
 * @param pollInterval how often each node looks for work
 */
@ConfigurationProperties("consentflow.contacts.key-rotation")
record KeyRotationProperties(Integer batchSize, Duration lease, Duration grace, Duration pollInterval) {

    KeyRotationProperties {
        batchSize = batchSize == null ? 1000 : batchSize;
        lease = lease == null ? Duration.ofMinutes(1) : lease;
        grace = grace == null ? Duration.ofMinutes(1) : grace;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    }
}
