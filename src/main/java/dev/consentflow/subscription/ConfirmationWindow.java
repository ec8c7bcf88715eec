package dev.consentflow.subscription;

import java.time.Duration;

/** How long an unconfirmed signup waits: the one reminder after {@link #reminderAfter()}, purged after {@link #expireAfter()}. */
public interface ConfirmationWindow {

    Duration reminderAfter();

    Duration expireAfter();
}
