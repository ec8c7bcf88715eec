package dev.consentflow.dispatch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the final states of sent rows for the lanes of one node, many rows per statement and commit (a group
 * commit): a mail thread hands its row's answer over and goes on to its next row instead of waiting for a commit
 * of its own. A row whose answer is not recorded yet is SENDING with its start recorded, exactly as while its
 * answer was awaited: should the node die now, lease recovery makes it UNKNOWN, never a second send. While the node
 * lives, its own lease recovery leaves the rows {@link #pending() waiting here} alone: their answer is known and about
 * to be recorded, so "possibly delivered" would be untrue of them.
 */
final class FinishedMessages {

    private static final Logger log = LoggerFactory.getLogger(FinishedMessages.class);
    private static final int BATCH = 500;

    /** One row's final state, and what to do once it is known whether this node still held the row. */
    record Finished(Outbox.Final row, Consumer<Boolean> then) {
    }

    private final String node;
    private final Outbox outbox;
    private final LinkedBlockingQueue<Finished> waiting = new LinkedBlockingQueue<>();
    /** The rows handed over and not written yet (queued, or in the batch being written). */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ExecutorService writer;

    FinishedMessages(String node, Outbox outbox) {
        this.node = node;
        this.outbox = outbox;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "dispatch-ledger-" + node);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the final state; {@code then} learns later, on the writer's thread, whether it was recorded. */
    void finish(Outbox.Final row, Consumer<Boolean> then) {
        pending.add(row.id());
        waiting.add(new Finished(row, then));
        if (drainScheduled.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    /** The rows whose answer this node knows and has not recorded yet. */
    Set<UUID> pending() {
        return Set.copyOf(pending);
    }

    /** Waits until everything handed over before this call is recorded (a node that stops). */
    void flush() {
        try {
            writer.submit(this::drain).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Final states of sent messages not all recorded on stop (lease recovery makes them UNKNOWN)", e);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<Finished> batch = new ArrayList<>(BATCH);
        while (waiting.drainTo(batch, BATCH) > 0) {
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Finished> batch) {
        Set<UUID> recorded;
        try {
            recorded = outbox.finishAll(node, batch.stream().map(Finished::row).toList());
        } catch (RuntimeException e) {
            // As when a single finish failed: the rows stay SENDING, started, and lease recovery ends them UNKNOWN.
            log.error("Could not record the final states of {} sent messages; lease recovery will mark them "
                    + "UNKNOWN", batch.size(), e);
            return;
        } finally {
            batch.forEach(finished -> pending.remove(finished.row().id()));
        }
        for (Finished finished : batch) {
            try {
                finished.then().accept(recorded.contains(finished.row().id()));
            } catch (RuntimeException e) {
                log.error("Handling the final state of outbox message {} failed", finished.row().id(), e);
            }
        }
    }
}
