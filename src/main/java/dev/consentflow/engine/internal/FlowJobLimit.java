package dev.consentflow.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-account limit on jobs of the account's own flows ({@link FlowLimits#jobsPerMinute()}), scheduled in the
 * database so that it holds for all nodes together: each job that asks to run takes the account's next slot
 * ({@link JobRate}) and runs now or is postponed to its slot.
 */
@Component
class FlowJobLimit {

    private static final Logger log = LoggerFactory.getLogger(FlowJobLimit.class);

    private final JdbcClient jdbc;
    private final JobRate rate;
    private final Counter postponed;

    FlowJobLimit(JdbcClient jdbc, FlowLimits limits, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.rate = limits.jobRate();
        this.postponed = Counter.builder("consentflow.engine.flow.jobs.postponed")
                .description("Jobs of an account's own flows postponed to a later slot by the per-account jobs-per-minute limit; the account is named in the log line")
                .register(meters);
    }

    /** Whether accounts' flows have a job limit at all; without one no job takes a slot. */
    boolean limited() {
        return rate != null;
    }

    /** When the job of this account's flow may run, taking its slot; empty when it may run now. */
    Optional<Instant> postponedUntil(String account, String jobId, Instant now) {
        if (rate == null) {
            return Optional.empty();
        }
        long spacingMicros = Math.max(1, rate.spacing().toNanos() / 1000);
        Instant slot = jdbc.sql(EngineSql.TAKE_FLOW_JOB_SLOT)
                .param("account", account)
                .param("windowStart", Timestamp.from(rate.start(now)))
                .param("spacingMicros", spacingMicros)
                .query((rs, n) -> rs.getTimestamp("slot").toInstant())
                .single();
        Optional<Instant> until = rate.postponedUntil(slot, now);
        until.ifPresent(at -> {
            log.info("Job {} of account {} postponed to {}: its flows may run {} jobs per {}", jobId, account, at,
                    rate.limit(), rate.window());
            postponed.increment();
        });
        return until;
    }
}
