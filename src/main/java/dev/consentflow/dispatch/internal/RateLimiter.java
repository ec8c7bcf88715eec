package dev.consentflow.dispatch.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends evenly at {@code consentflow.dispatch.rate-per-second} for this node (no bursts, which relays
 * punish). Zero means no limit.
 */
final class RateLimiter {

    private final long intervalNanos;
    private long nextSlot;

    RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(nextSlot, now);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        while (wait > 0) {
            long before = System.nanoTime();
            LockSupport.parkNanos(wait);
            wait -= System.nanoTime() - before;
        }
    }
}
