package dev.consentflow.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The arithmetic of the per-account job limit: windows of a fixed length aligned on the epoch, each with
 * {@code limit} slots {@code window / limit} apart. Each job of an account's flows that asks to run takes the
 * account's next free slot, never one before the current window: a slot in the current window runs now (a burst
 * of up to {@code limit} jobs runs at once), a slot in a later window is when the job runs. So no window runs more
 * than {@code limit} jobs, a backlog is spread evenly over the following windows, first come first served, and a
 * job is postponed at most once.
 */
record JobRate(Duration window, long limit) {

    JobRate {
        if (window.toMillis() <= 0 || limit <= 0) {
            throw new IllegalArgumentException("a job rate needs a window and a limit");
        }
    }

    /** How far apart the slots are. */
    Duration spacing() {
        return window.dividedBy(limit);
    }

    /** The start of the window that holds this instant: the earliest slot a job asking now can take. */
    Instant start(Instant now) {
        long millis = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    /** When the job that took this slot, asking at {@code now}, may run; empty when it may run now. */
    Optional<Instant> postponedUntil(Instant slot, Instant now) {
        return slot.isBefore(start(now).plus(window)) ? Optional.empty() : Optional.of(slot);
    }
}
