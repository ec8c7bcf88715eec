package dev.consentflow.consent.internal;

import dev.consentflow.jobs.ScheduledJobs;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every 30 s ({@code consentflow.audit.verification.poll-interval}) on each node: takes over a full verification
 * whose node stopped renewing its lease ({@link FullVerifications#takeOverAbandoned}). A scheduled job like the
 * others, so platform staff see when it last ran and whether it took a run over; the walk itself goes on in the
 * background, under the verification's own lease, after the job's run has ended.
 */
@Component
class VerificationTakeoverJob {

    static final String JOB = "audit-verification-takeover";

    private final FullVerifications verifications;
    private final ScheduledJobs jobs;

    VerificationTakeoverJob(FullVerifications verifications, ScheduledJobs jobs) {
        this.verifications = verifications;
        this.jobs = jobs;
        jobs.declare(JOB, "takes over full audit verifications whose node stopped renewing its lease");
    }

    @Scheduled(fixedDelayString = "${consentflow.audit.verification.poll-interval:PT30S}",
            initialDelayString = "${consentflow.audit.verification.poll-interval:PT30S}")
    void poll() {
        jobs.runOnce(JOB, Duration.ZERO, () -> "tookOver=" + (verifications.takeOverAbandoned().isPresent() ? 1 : 0));
    }
}
