package dev.consentflow.jobs.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Per declared job on {@code /actuator/prometheus}: {@code consentflow_job_last_finished_seconds} (when its last
 * run ended, on any node; 0 before the first), {@code consentflow_job_last_succeeded} (1, or 0 after a failure;
 * NaN before the first run), and per node {@code consentflow_job_runs_total} by outcome, at 0 from start-up.
 */
@Component
class JobMetrics {

    private static final Duration FRESH = Duration.ofSeconds(2);

    private final MeterRegistry registry;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Cached(JobLedger.LastRun run, long at) {
    }

    /** The gauges hold their supplier strongly: a weakly held one is collected, and the gauge turns NaN. */
    void declare(String job, String description, Supplier<JobLedger.LastRun> last) {
        Supplier<JobLedger.LastRun> cached = () -> cache.compute(job, (name, old) ->
                old != null && System.nanoTime() - old.at() < FRESH.toNanos() ? old
                        : new Cached(last.get(), System.nanoTime())).run();
        Gauge.builder("consentflow.job.last.finished", cached,
                        c -> c.get().finishedAt() == null ? 0 : c.get().finishedAt().toEpochMilli() / 1000.0)
                .description("When the job's last run ended, on any node (Unix time; 0 before its first run)")
                .baseUnit("seconds").tag("job", job).strongReference(true).register(registry);
        Gauge.builder("consentflow.job.last.succeeded", cached,
                        c -> c.get().outcome() == null ? Double.NaN : "SUCCEEDED".equals(c.get().outcome()) ? 1 : 0)
                .description("1 when the job's last run succeeded, 0 when it failed (NaN before its first run)")
                .tag("job", job).strongReference(true).register(registry);
        for (String outcome : new String[] {"succeeded", "failed"}) {
            counters.put(job + "/" + outcome, Counter.builder("consentflow.job.runs")
                    .description("Runs of scheduled jobs on this node, by job and outcome (succeeded or failed)")
                    .tag("job", job).tag("outcome", outcome).register(registry));
        }
    }

    void ran(String job, boolean succeeded) {
        cache.remove(job);
        Counter counter = counters.get(job + "/" + (succeeded ? "succeeded" : "failed"));
        if (counter != null) {
            counter.increment();
        }
    }
}
