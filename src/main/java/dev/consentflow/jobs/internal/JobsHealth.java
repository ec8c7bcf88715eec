package dev.consentflow.jobs.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/jobs} (the group of the contributor {@code scheduledJobs}): every scheduled job's last run (start, end, outcome, summary, the node running it
 * now). Up while the database answers: a failed run is reported in the details and by
 * {@code consentflow_job_last_succeeded}, not by taking the node out of a load balancer.
 */
@Component("scheduledJobs")
class JobsHealth implements HealthIndicator {

    private final JobLedger ledger;

    JobsHealth(JobLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (JobLedger.LastRun run : ledger.all()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("lastStartedAt", run.startedAt());
            detail.put("lastFinishedAt", run.finishedAt());
            detail.put("outcome", run.outcome());
            detail.put("summary", run.summary());
            detail.put("runningOn", run.runningOn());
            detail.put("runs", run.runs());
            detail.put("failures", run.failures());
            health.withDetail(run.job(), detail);
        }
        return health.build();
    }
}
