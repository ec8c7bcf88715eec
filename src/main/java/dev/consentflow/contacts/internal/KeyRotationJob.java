package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.jobs.ScheduledJobs;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every few seconds on each node: works on the unfinished rotations whose lease is free or its own. */
@Component
class KeyRotationJob {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationJob.class);
    /** This node, as a lease holder: the JVM's name (pid@host) and a random part, new at every start. */
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    static final String JOB = "key-rotation";

    private final KeyRotations rotations;
    private final ScheduledJobs jobs;

    KeyRotationJob(KeyRotations rotations, ScheduledJobs jobs) {
        this.rotations = rotations;
        this.jobs = jobs;
        jobs.declare(JOB, "re-wraps the data keys of rotated accounts and retires their old key versions");
    }

    @Scheduled(fixedDelayString = "${consentflow.contacts.key-rotation.poll-interval:PT5S}",
            initialDelayString = "${consentflow.contacts.key-rotation.poll-interval:PT5S}")
    void poll() {
        jobs.runOnce(JOB, Duration.ZERO, () -> "finished=" + run());
    }

    /** Answers how many rotations finished in this run. */
    int run() {
        int finished = 0;
        for (AccountId account : rotations.unfinished()) {
            KeyRotations.Outcome outcome = rotations.work(account, NODE, Integer.MAX_VALUE);
            if (outcome == KeyRotations.Outcome.FINISHED) {
                log.info("Key rotation of account {} finished: older versions retired", account.value());
                finished++;
            }
        }
        return finished;
    }
}
