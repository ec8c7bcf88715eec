package dev.consentflow.jobs.internal;

import dev.consentflow.jobs.ScheduledJobs;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The jobs' leases and last runs in {@code jobs_job}. */
@Component
class JobLedger implements ScheduledJobs {

    private static final Logger log = LoggerFactory.getLogger(JobLedger.class);
    /** Longer than any run: a node that died in a run frees the job after it. */
    static final Duration LEASE = Duration.ofMinutes(30);
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private final JdbcClient jdbc;
    private final JobMetrics metrics;
    private final Map<String, String> declared = new ConcurrentHashMap<>();

    JobLedger(JdbcClient jdbc, JobMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    record LastRun(String job, String runningOn, Instant startedAt, Instant finishedAt, String outcome,
                   String summary, long runs, long failures) {
    }

    @Override
    public void declare(String job, String description) {
        declared.put(job, description);
        jdbc.sql("insert into jobs_job (name) values (:job) on conflict do nothing").param("job", job).update();
        metrics.declare(job, description, () -> last(job));
    }

    @Override
    public boolean runOnce(String job, Duration minGap, Supplier<String> work) {
        boolean ours = jdbc.sql("""
                        update jobs_job set running_on = :node, lease_until = now() + make_interval(secs => :lease),
                               last_started_at = now()
                         where name = :job and (lease_until is null or lease_until < now())
                           and (last_started_at is null or last_started_at <= now() - make_interval(secs => :gap))""")
                .param("node", NODE).param("lease", LEASE.toSeconds()).param("job", job)
                .param("gap", minGap.toMillis() / 1000.0).update() == 1;
        if (!ours) {
            return false;
        }
        String summary = null;
        RuntimeException failure = null;
        try {
            summary = work.get();
        } catch (RuntimeException e) {
            failure = e;
            summary = e.getClass().getSimpleName();
            log.warn("The scheduled job {} failed: {}", job, e.toString());
        }
        jdbc.sql("""
                        update jobs_job set running_on = null, lease_until = null, last_finished_at = now(),
                               last_outcome = :outcome, last_summary = :summary, runs = runs + 1,
                               failures = failures + :failed
                         where name = :job and running_on = :node""")
                .param("outcome", failure == null ? "SUCCEEDED" : "FAILED")
                .param("summary", summary == null ? null : summary.substring(0, Math.min(500, summary.length())))
                .param("failed", failure == null ? 0 : 1).param("job", job).param("node", NODE).update();
        metrics.ran(job, failure == null);
        if (failure != null) {
            throw failure;
        }
        return true;
    }

    List<LastRun> all() {
        return jdbc.sql("select * from jobs_job order by name").query(JobLedger::row).list().stream()
                .filter(run -> declared.containsKey(run.job())).toList();
    }

    LastRun last(String job) {
        return jdbc.sql("select * from jobs_job where name = :job").param("job", job).query(JobLedger::row).single();
    }

    private static LastRun row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new LastRun(rs.getString("name"), rs.getString("running_on"), instant(rs, "last_started_at"),
                instant(rs, "last_finished_at"), rs.getString("last_outcome"), rs.getString("last_summary"),
                rs.getLong("runs"), rs.getLong("failures"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
