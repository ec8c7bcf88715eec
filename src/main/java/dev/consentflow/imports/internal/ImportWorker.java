package dev.consentflow.imports.internal;

import dev.consentflow.imports.internal.ImportTable.Claimed;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's import worker: one thread that claims the oldest waiting import (or one whose node's lease ran out)
 * and works on it until it ends, then looks for the next. Several nodes work on several imports at once; one
 * import is one node's at a time. On stop the node finishes its chunk in flight and gives the import back.
 */
@Component
class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    static final int MAX_FAILED_ATTEMPTS = 5;

    private final ImportTable table;
    private final ImportRunner runner;
    private final ImportSettings settings;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    ImportWorker(ImportTable table, ImportRunner runner, ImportSettings settings) {
        this.table = table;
        this.runner = runner;
        this.settings = settings;
    }

    String node() {
        return settings.nodeId();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "imports-" + settings.nodeId()));
        long poll = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollSafely, poll, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A file was just accepted: look for work now instead of at the next tick (a no-op when stopped or busy). */
    void wake() {
        ScheduledExecutorService current = scheduler;
        if (running && current != null) {
            try {
                current.execute(this::pollSafely);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: another node, or this one after its restart, takes the import
            }
        }
    }

    /** Works on imports as long as there are any and the node runs. */
    void poll() {
        while (running) {
            Optional<Claimed> claimed = table.claim(settings.nodeId(), settings.lease());
            if (claimed.isEmpty()) {
                return;
            }
            Claimed job = claimed.get();
            try {
                if (runner.run(job, settings.nodeId(), () -> running, Integer.MAX_VALUE) == ImportRunner.Result.STOPPED) {
                    table.release(job.id(), settings.nodeId());
                }
            } catch (RuntimeException e) {
                failed(job, e);
                return;
            }
        }
    }

    /**
     * A chunk failed (a deadlock, the database gone, a bug): the import is given back and tried again after a
     * pause, here or on another node, from its last committed chunk. The same chunk failing
     * {@value #MAX_FAILED_ATTEMPTS} times in a row ends the import FAILED, so it is not tried for ever.
     */
    private void failed(Claimed job, RuntimeException e) {
        int attempts = table.failedAttempt(job.id(), settings.nodeId(), settings.pollInterval());
        if (attempts >= MAX_FAILED_ATTEMPTS) {
            log.error("Import {} failed {} times in a row at the same chunk; it ends FAILED", job.id(), attempts, e);
            runner.fail(job, settings.nodeId(), "stopped after " + attempts + " failed attempts at row "
                    + table.firstRowToDo(job.id()) + " (" + e.getClass().getSimpleName() + "); the rows of the chunks "
                    + "committed before are imported");
        } else if (attempts > 0) {
            log.warn("Import {} paused after an error (attempt {} of {}); it resumes from its last committed chunk",
                    job.id(), attempts, MAX_FAILED_ATTEMPTS, e);
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Import poll failed; trying again in {}", settings.pollInterval(), e);
        }
    }
}
