package dev.consentflow.dispatch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Marks rows started for the mail threads of one node, several rows per statement and commit (a group commit
 * without waiting): one writer thread writes whatever the mail threads asked for while its previous statement was
 * in flight, and no thread waits for a fixed time. A mail thread asks for its row's start and goes on preparing
 * the mail (and the relay's transaction up to the final dot) while the start commits; it lets the final dot out
 * only once its row's start is committed, so a crash between the start and the relay's answer still ends the row
 * UNKNOWN (never sent twice), a row that never started is still requeued, and a relay never takes a message whose
 * start is not committed (without its final dot a relay discards it, RFC 5321, 4.1.1.4). Each thread asks for one
 * start at a time, so there are never more started, unanswered rows than connections.
 */
final class MessageStarts {

    private final String node;
    private final Outbox outbox;
    private final Object lock = new Object();
    private final ExecutorService writer;
    private List<Pending> queued = new ArrayList<>();
    private boolean writing;

    MessageStarts(String node, Outbox outbox) {
        this.node = node;
        this.outbox = outbox;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "dispatch-starts-" + node);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A row's start, asked for; {@link #started()} answers once it is committed. Guarded by the lock. */
    final class Pending {
        private final Outbox.Start start;
        private boolean done;
        private boolean started;
        private RuntimeException failure;

        private Pending(Outbox.Start start) {
            this.start = start;
        }

        /**
         * Waits until the start is written and answers whether the row started: false when it is no longer this
         * node's to send, or its lease is too short for one send, or its batch paused. Throws what the statement
         * threw. Not interruptible: the row may be in a statement in flight, and its outcome must be known.
         */
        boolean started() {
            boolean interrupted = false;
            synchronized (lock) {
                while (!done) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return started;
        }
    }

    /** Asks for the row's start, written with the others asked for meanwhile; answers at once. */
    Pending request(UUID id, Duration sendBudget) {
        Pending mine = new Pending(new Outbox.Start(id, sendBudget));
        boolean wake;
        synchronized (lock) {
            queued.add(mine);
            wake = !writing;
            writing = true;
        }
        if (wake) {
            try {
                writer.execute(this::drain);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    writing = false;
                }
                fail(List.of(mine), e);
            }
        }
        return mine;
    }

    /** {@link #request} and waits for the answer. */
    boolean start(UUID id, Duration sendBudget) {
        return request(id, sendBudget).started();
    }

    private void drain() {
        boolean emptied = false;
        try {
            while (true) {
                List<Pending> group;
                synchronized (lock) {
                    if (queued.isEmpty()) {
                        writing = false;
                        emptied = true;
                        return;
                    }
                    group = queued;
                    queued = new ArrayList<>();
                }
                write(group);
            }
        } finally {
            if (!emptied) {
                // An Error left the loop: the rows asked for meanwhile learn it instead of waiting for ever.
                List<Pending> left;
                synchronized (lock) {
                    writing = false;
                    left = queued;
                    queued = new ArrayList<>();
                }
                fail(left, new IllegalStateException("the start writer failed"));
            }
        }
    }

    private void write(List<Pending> group) {
        Set<UUID> started = Set.of();
        RuntimeException failure = new IllegalStateException("the start of this group was not written");
        try {
            started = outbox.markAllStarted(node, group.stream().map(p -> p.start).toList());
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            // Also after an Error: the threads of the group must never wait for ever on a writer that died.
            settle(group, started, failure);
        }
    }

    private void fail(List<Pending> group, RuntimeException failure) {
        settle(group, Set.of(), failure);
    }

    private void settle(List<Pending> group, Set<UUID> started, RuntimeException failure) {
        synchronized (lock) {
            for (Pending pending : group) {
                pending.started = started.contains(pending.start.id());
                pending.failure = failure;
                pending.done = true;
            }
            lock.notifyAll();
        }
    }
}
