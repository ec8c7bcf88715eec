package dev.consentflow.dispatch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Marks rows started for the mail threads of one node, several rows per statement and commit (a group commit
 * without waiting): a thread that finds no statement in flight writes its own row and whatever the other threads
 * queued meanwhile; a thread that finds one in flight queues its row and waits for the next. No thread waits for
 * a fixed time, and none sends before its own row's start is committed, so a crash between the start and the
 * relay's answer still ends the row UNKNOWN (never sent twice) and a row that never started is still requeued.
 */
final class MessageStarts {

    private final String node;
    private final Outbox outbox;
    private final Object lock = new Object();
    private List<Waiting> queued = new ArrayList<>();
    private boolean writing;

    MessageStarts(String node, Outbox outbox) {
        this.node = node;
        this.outbox = outbox;
    }

    /** One row waiting for its start; {@code done} and the rest are guarded by the lock. */
    private static final class Waiting {
        final Outbox.Start start;
        boolean done;
        boolean started;
        RuntimeException failure;

        Waiting(Outbox.Start start) {
            this.start = start;
        }
    }

    /**
     * Answers, once the start is committed, whether the row started: false when it is no longer this node's to
     * send, or its lease is too short for one send, or its batch paused. Throws what the statement threw.
     */
    boolean start(UUID id, Duration sendBudget) {
        Waiting mine = new Waiting(new Outbox.Start(id, sendBudget));
        List<Waiting> group;
        boolean interrupted = false;
        synchronized (lock) {
            queued.add(mine);
            while (writing && !mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // The row may be in a statement in flight: its outcome must be known before the thread goes on.
                    interrupted = true;
                }
            }
            if (!mine.done) {
                writing = true;
                group = queued;
                queued = new ArrayList<>();
            } else {
                group = null;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (group != null) {
            write(group);
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.started;
    }

    private void write(List<Waiting> group) {
        Set<UUID> started = Set.of();
        RuntimeException failure = new IllegalStateException("the start of this group was not written");
        try {
            started = outbox.markAllStarted(node, group.stream().map(w -> w.start).toList());
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            // Also after an Error: the other threads of the group must never wait for ever on a writer that died.
            synchronized (lock) {
                for (Waiting waiting : group) {
                    waiting.started = started.contains(waiting.start.id());
                    waiting.failure = failure;
                    waiting.done = true;
                }
                writing = false;
                lock.notifyAll();
            }
        }
    }
}
