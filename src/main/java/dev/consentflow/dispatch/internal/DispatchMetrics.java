package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.MessageState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The outbox on {@code /actuator/prometheus}: {@code consentflow_dispatch_queued} and
 * {@code consentflow_dispatch_oldest_queued_age_seconds} for the whole database (every node reports the same),
 * and per node the counters {@code consentflow_dispatch_sent_total}, {@code _failed_total} (by state),
 * {@code _suppressed_total}, {@code _retried_total} and {@code _lease_recovered_total}.
 */
@Component
class DispatchMetrics {

    private static final Duration STATS_TTL = Duration.ofSeconds(2);

    private final MeterRegistry registry;
    private final Outbox outbox;
    private final AtomicReference<Cached> stats = new AtomicReference<>();

    private record Cached(Outbox.QueueStats stats, long at) {
    }

    DispatchMetrics(MeterRegistry registry, Outbox outbox) {
        this.registry = registry;
        this.outbox = outbox;
        Gauge.builder("consentflow.dispatch.queued", this, m -> m.queueStats().queued())
                .description("Messages not in a final state yet (queued, sending, waiting for a retry)")
                .register(registry);
        Gauge.builder("consentflow.dispatch.oldest.queued.age", this, m -> m.queueStats().oldestAgeSeconds())
                .description("Age of the oldest message not in a final state yet")
                .baseUnit("seconds")
                .register(registry);
    }

    void recorded(Channel channel, MessageState state) {
        switch (state) {
            case SENT -> counter("consentflow.dispatch.sent", channel, null).increment();
            case SUPPRESSED -> counter("consentflow.dispatch.suppressed", channel, null).increment();
            case SOFT_FAIL -> counter("consentflow.dispatch.retried", channel, null).increment();
            case HARD_FAIL, EXPIRED, UNKNOWN -> counter("consentflow.dispatch.failed", channel, state).increment();
            default -> {
            }
        }
    }

    void leasesRecovered(int requeued, int unknown) {
        registry.counter("consentflow.dispatch.lease.recovered", "result", "requeued").increment(requeued);
        registry.counter("consentflow.dispatch.lease.recovered", "result", "unknown").increment(unknown);
    }

    private Counter counter(String name, Channel channel, MessageState state) {
        return state == null
                ? registry.counter(name, "channel", channel.name())
                : registry.counter(name, "channel", channel.name(), "state", state.name());
    }

    /** Scrapes come often and from every node: the database is asked at most every two seconds. */
    private Outbox.QueueStats queueStats() {
        Cached cached = stats.get();
        long now = System.nanoTime();
        if (cached == null || now - cached.at() > STATS_TTL.toNanos()) {
            cached = new Cached(outbox.queueStats(), now);
            stats.set(cached);
        }
        return cached.stats();
    }
}
