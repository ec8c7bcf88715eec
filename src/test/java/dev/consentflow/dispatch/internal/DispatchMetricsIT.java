package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.support.Api;
import dev.consentflow.support.ExternalLinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator's Prometheus scrapes from a server that has sent nothing yet: every {@code consentflow_*}
 * series already there at 0, described, so an alert on {@code increase(...[1h])} fires on the first event, and
 * the exposition passes {@code promtool check metrics}. Its own context, so no other test has sent anything.
 */
@IntegrationTest
@AutoConfigureObservability(tracing = false)
class DispatchMetricsIT {

    @LocalServerPort
    int port;

    @Test
    void everyDispatchSeriesExistsAtZeroWithItsHelpTextFromStartUp() {
        String scrape = ours();

        List<String> expected = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            String c = "channel=\"" + channel.name() + "\"";
            expected.add("consentflow_dispatch_sent_total{" + c + "}");
            expected.add("consentflow_dispatch_suppressed_total{" + c + "}");
            expected.add("consentflow_dispatch_retried_total{" + c + "}");
            for (MessageState state : DispatchMetrics.FAILED) {
                expected.add("consentflow_dispatch_failed_total{" + c + ",state=\"" + state.name() + "\"}");
            }
        }
        expected.add("consentflow_dispatch_lease_recovered_total{result=\"requeued\"}");
        expected.add("consentflow_dispatch_lease_recovered_total{result=\"unknown\"}");
        expected.add("consentflow_dispatch_queued");
        expected.add("consentflow_dispatch_oldest_queued_age_seconds");
        // The engine's flow limits (README, "Automation flows") count from 0 too.
        expected.add("consentflow_engine_flow_jobs_postponed_total");
        expected.add("consentflow_engine_flow_starts_refused_total");
        // Form posts' and clicks' group commit (README, "The processes"): no post yet.
        expected.add("consentflow_signup_groups_committed_total");
        expected.add("consentflow_signup_groups_members_total");
        expected.add("consentflow_signup_groups_failed_total");

        // The scheduled jobs (README, "Scheduled jobs"): none has run yet in this context.
        for (String job : List.of("audit-checkpoint", "behaviour-event-retention", "dispatch-ledger-retention",
                "key-rotation", "tombstone-purge")) {
            expected.add("consentflow_job_runs_total{job=\"" + job + "\",outcome=\"succeeded\"}");
            expected.add("consentflow_job_runs_total{job=\"" + job + "\",outcome=\"failed\"}");
            expected.add("consentflow_job_last_finished_seconds{job=\"" + job + "\"}");
            assertThat(scrape).contains("consentflow_job_last_succeeded{job=\"" + job + "\"} NaN");
        }

        assertThat(expected).hasSize(2 * 6 + 6 + 3 + 5 * 3);
        for (String series : expected) {
            assertThat(scrape).as(series).containsPattern("(?m)^" + Pattern.quote(series) + " 0\\.0$");
        }
        List<String> names = scrape.lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.replaceFirst("[{ ].*", "")).distinct().toList();
        assertThat(names).hasSize(15);
        for (String name : names) {
            assertThat(scrape).as("HELP of " + name).containsPattern("(?m)^# HELP " + name + " \\S.{10,}$");
            assertThat(name).as("snake_case").matches("consentflow(_[a-z0-9]+)+");
        }
    }

    @Test
    void promtoolFindsNothingToSayAboutOurMeters() throws IOException {
        Path scrape = Files.createDirectories(Path.of("target")).resolve("consentflow-metrics.txt");
        Files.writeString(scrape, ours());

        ExternalLinter.Run run = ExternalLinter.run("promtool",
                List.of("sh", "-c", "promtool check metrics < " + scrape));

        assertThat(run.output()).as("promtool check metrics").isBlank();
        assertThat(run.exitCode()).isZero();
    }

    /** The scrape's lines about our own meters: HELP, TYPE and samples of {@code consentflow_*}. */
    private String ours() {
        Api.Answer metrics = Api.at(port).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines()
                .filter(l -> l.startsWith("consentflow_") || l.matches("# (HELP|TYPE) consentflow_.*"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
