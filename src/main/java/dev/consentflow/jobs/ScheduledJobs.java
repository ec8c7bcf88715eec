package dev.consentflow.jobs;

import java.time.Duration;
import java.util.function.Supplier;

/** Runs scheduled jobs once across nodes and keeps the record of their runs. */
public interface ScheduledJobs {

    /** Declares a job at start-up, so its health entry and metrics exist before its first run. */
    void declare(String job, String description);

    /**
     * Runs the job here unless another node is running it, or it started less than {@code minGap} ago anywhere;
     * records the outcome and the work's summary (counts, never values). A failure is recorded and rethrown.
     *
     * @return whether it ran on this node
     */
    boolean runOnce(String job, Duration minGap, Supplier<String> work);
}
