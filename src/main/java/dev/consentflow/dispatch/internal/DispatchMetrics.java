package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.MessageState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The outbox on {@code /actuator/prometheus}: {@code consentflow_dispatch_queued} and
 * {@code consentflow_dispatch_oldest_queued_age_seconds} for the whole database (every node reports the same),
 * and per node the counters {@code consentflow_dispatch_sent_total}, {@code _failed_total} (by state),
 * {@code _suppressed_total}, {@code _retried_total} and {@code _lease_recovered_total}. Every counter exists at 0
 * from start-up for each channel, state and result, so {@code increase(...[1h])} sees the first event too: a
 * series born with the value 1 has no earlier sample to increase from.
 */
@Component
class DispatchMetrics {

    /** The end states that count as failures, each a series of {@code consentflow_dispatch_failed_total}. */
    static final List<MessageState> FAILED = List.of(MessageState.HARD_FAIL, MessageState.EXPIRED, MessageState.UNKNOWN);

    private static final Duration STATS_TTL = Duration.ofSeconds(2);

    private final Outbox outbox;
    private final AtomicReference<Cached> stats = new AtomicReference<>();
    private final Map<Channel, Map<MessageState, Counter>> counters = new EnumMap<>(Channel.class);
    private final Counter leaseRequeued;
    private final Counter leaseUnknown;

    private record Cached(Outbox.QueueStats stats, long at) {
    }

    DispatchMetrics(MeterRegistry registry, Outbox outbox) {
        this.outbox = outbox;
        Gauge.builder("consentflow.dispatch.queued", this, m -> m.queueStats().queued())
                .description("Messages not in a final state yet (queued, sending, waiting for a retry)")
                .register(registry);
        Gauge.builder("consentflow.dispatch.oldest.queued.age", this, m -> m.queueStats().oldestAgeSeconds())
                .description("Age of the oldest message not in a final state yet")
                .baseUnit("seconds")
                .register(registry);
        for (Channel channel : Channel.values()) {
            Map<MessageState, Counter> byState = new EnumMap<>(MessageState.class);
            byState.put(MessageState.SENT, Counter.builder("consentflow.dispatch.sent")
                    .description("Messages the relay or SMS gateway accepted, on this node")
                    .tag("channel", channel.name()).register(registry));
            byState.put(MessageState.SUPPRESSED, Counter.builder("consentflow.dispatch.suppressed")
                    .description("Messages not sent because the person may no longer receive them (erased, "
                            + "unsubscribed, bounced), on this node")
                    .tag("channel", channel.name()).register(registry));
            byState.put(MessageState.SOFT_FAIL, Counter.builder("consentflow.dispatch.retried")
                    .description("Soft failures (4xx, no connection) after which a message waits for another "
                            + "attempt, on this node")
                    .tag("channel", channel.name()).register(registry));
            for (MessageState state : FAILED) {
                byState.put(state, Counter.builder("consentflow.dispatch.failed")
                        .description("Messages that ended without delivery, by end state: HARD_FAIL (refused), "
                                + "EXPIRED (no relay through all retries), UNKNOWN (connection lost after the data), "
                                + "on this node")
                        .tag("channel", channel.name()).tag("state", state.name()).register(registry));
            }
            counters.put(channel, byState);
        }
        this.leaseRequeued = leaseRecovered(registry, "requeued");
        this.leaseUnknown = leaseRecovered(registry, "unknown");
    }

    private static Counter leaseRecovered(MeterRegistry registry, String result) {
        return Counter.builder("consentflow.dispatch.lease.recovered")
                .description("Messages taken back from a node whose lease ran out, by result: requeued (sent "
                        + "again) or unknown (list mail that may have left, never sent twice)")
                .tag("result", result).register(registry);
    }

    void recorded(Channel channel, MessageState state) {
        Counter counter = counters.get(channel).get(state);
        if (counter != null) {
            counter.increment();
        }
    }

    void leasesRecovered(int requeued, int unknown) {
        leaseRequeued.increment(requeued);
        leaseUnknown.increment(unknown);
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
