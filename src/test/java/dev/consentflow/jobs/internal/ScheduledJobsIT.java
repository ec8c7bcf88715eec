package dev.consentflow.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Scheduled jobs run on one node at a time, and their last run shows at /actuator/health/jobs. */
@IntegrationTest
class ScheduledJobsIT {

    @LocalServerPort
    int port;

    @Autowired
    JobLedger jobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aJobRunningOnOneNodeIsNotStartedByAnotherAndItsOutcomeIsReported() throws Exception {
        String job = "test-" + UUID.randomUUID().toString().substring(0, 8);
        jobs.declare(job, "a test job");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> jobs.runOnce(job, Duration.ZERO, () -> {
            ran.incrementAndGet();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "removed=3";
        }));
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.get() == 1);

        assertThat(jobs.runOnce(job, Duration.ZERO, () -> "removed=" + ran.incrementAndGet()))
                .as("another node, while the first one runs").isFalse();
        JsonNode running = health().get(job);
        assertThat(running.get("runningOn").asText()).isEqualTo(JobLedger.NODE);
        release.countDown();
        assertThat(first.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(ran.get()).isEqualTo(1);

        JsonNode done = health().get(job);
        assertThat(done.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("summary").asText()).isEqualTo("removed=3");
        assertThat(done.get("lastFinishedAt").isNull()).isFalse();
        assertThat(done.get("runningOn").isNull()).isTrue();
        assertThat(jobs.runOnce(job, Duration.ofHours(12), () -> "again")).as("within its minimum gap").isFalse();
    }

    @Test
    void aFailedRunIsRecordedAndADeadNodesLeaseRunsOut() {
        String job = "test-" + UUID.randomUUID().toString().substring(0, 8);
        jobs.declare(job, "a test job");
        assertThatThrownBy(() -> jobs.runOnce(job, Duration.ZERO, () -> {
            throw new IllegalStateException("no database");
        })).isInstanceOf(IllegalStateException.class);
        JsonNode failed = health().get(job);
        assertThat(failed.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failures").asLong()).isEqualTo(1);

        // A node died in a run: its lease holds the job until it runs out.
        jdbc.sql("update jobs_job set running_on = 'dead-node', lease_until = now() + interval '1 minute' "
                + "where name = :job").param("job", job).update();
        assertThat(jobs.runOnce(job, Duration.ZERO, () -> "ran")).isFalse();
        jdbc.sql("update jobs_job set lease_until = now() - interval '1 second' where name = :job")
                .param("job", job).update();
        assertThat(jobs.runOnce(job, Duration.ZERO, () -> "ran")).isTrue();
        assertThat(health().get(job).get("outcome").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void everyScheduledJobIsReportedFromStartUpWhileTheRootHealthStaysBrief() {
        JsonNode details = health();
        assertThat(details.has("key-rotation")).isTrue();
        assertThat(details.has("audit-checkpoint")).isTrue();
        assertThat(details.has("tombstone-purge")).isTrue();
        assertThat(details.has("behaviour-event-retention")).isTrue();
        assertThat(details.has("engine-history-retention")).isTrue();
        JsonNode root = Api.at(port).get("/actuator/health").json();
        assertThat(root.has("details") || root.has("components")).isFalse();
    }

    private JsonNode health() {
        Api.Answer health = Api.at(port).get("/actuator/health/jobs");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        return health.json().get("components").get("scheduledJobs").get("details");
    }
}
