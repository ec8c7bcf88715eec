package dev.consentflow.dispatch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a node's mail threads: marks rows started and records the final states of sent rows, several
 * rows per statement and commit (a group commit without waiting). One writer thread writes whatever the mail
 * threads asked for while its previous statement was in flight, starts and final states in the same statement
 * (one commit, one WAL flush for both), and no thread waits for a fixed time.
 *
 * <p>A mail thread asks for its row's start and goes on preparing the mail (and the relay's envelope) while the
 * start commits; it lets DATA out only once its row's start is committed, so a crash between the start and the
 * relay's answer still ends the row UNKNOWN (never sent twice), a row that never started is still requeued, and a
 * relay never takes a message whose start is not committed. Each thread asks for one start at a time, so there are
 * never more started, unanswered rows than mail threads ({@link MailSender#THREADS_PER_CONNECTION} per connection).
 *
 * <p>A final state is handed over and the thread goes on to its next row instead of waiting for a commit of its
 * own; it is written by the writer's next statement, never held back for company. A row whose answer is not
 * recorded yet is SENDING with its start recorded, exactly as while its answer was awaited: should the node die
 * now, lease recovery makes it UNKNOWN, never a second send. While the node lives, its own lease recovery leaves
 * the rows {@link #unrecorded() waiting here} alone: their answer is known and about to be recorded, so "possibly
 * delivered" would be untrue of them.
 */
final class MessageStarts {

    private static final Logger log = LoggerFactory.getLogger(MessageStarts.class);
    /** Final states per statement at most. */
    static final int FINALS_PER_STATEMENT = 500;

    /** One row's final state, and what to do once it is known whether this node still held the row. */
    private record Finished(Outbox.Final row, Consumer<Boolean> then) {
    }

    private final String node;
    private final Outbox outbox;
    private final Object lock = new Object();
    private final ExecutorService writer;
    private List<Pending> queued = new ArrayList<>();
    private List<Finished> finals = new ArrayList<>();
    /** The rows whose final state was handed over and not written yet (queued, or in the statement in flight). */
    private final Set<UUID> unrecorded = ConcurrentHashMap.newKeySet();
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
            wake = wake();
        }
        if (wake && !schedule()) {
            fail(List.of(mine), new IllegalStateException("the start writer is gone"));
        }
        return mine;
    }

    /** {@link #request} and waits for the answer. */
    boolean start(UUID id, Duration sendBudget) {
        return request(id, sendBudget).started();
    }

    /**
     * Queues a final state for the writer's next statement; {@code then} learns later, on the writer's thread,
     * whether it was recorded (false: this node had lost the row meanwhile).
     */
    void finish(Outbox.Final row, Consumer<Boolean> then) {
        boolean wake;
        unrecorded.add(row.id());
        synchronized (lock) {
            finals.add(new Finished(row, then));
            wake = wake();
        }
        if (wake && !schedule()) {
            log.error("Could not record the final state of outbox message {}: the writer is gone; lease recovery "
                    + "will mark it UNKNOWN", row.id());
        }
    }

    /** The rows whose answer this node knows and has not recorded yet. */
    Set<UUID> unrecorded() {
        return Set.copyOf(unrecorded);
    }

    /** Waits (up to 30 s) until everything handed over before this call is written (a node that stops). */
    void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean interrupted = false;
        synchronized (lock) {
            while (writing || !finals.isEmpty() || !queued.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("Final states of sent messages not all recorded on stop (lease recovery makes them "
                            + "UNKNOWN)");
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Guarded by the lock: whether the caller must start the writer (it was idle). */
    private boolean wake() {
        boolean idle = !writing;
        writing = true;
        return idle;
    }

    private boolean schedule() {
        try {
            writer.execute(this::drain);
            return true;
        } catch (RuntimeException e) {
            synchronized (lock) {
                writing = false;
                lock.notifyAll();
            }
            return false;
        }
    }

    private void drain() {
        boolean emptied = false;
        try {
            while (true) {
                List<Pending> starts;
                List<Finished> ended;
                synchronized (lock) {
                    if (queued.isEmpty() && finals.isEmpty()) {
                        writing = false;
                        emptied = true;
                        lock.notifyAll();
                        return;
                    }
                    starts = queued;
                    queued = new ArrayList<>();
                    if (finals.size() <= FINALS_PER_STATEMENT) {
                        ended = finals;
                        finals = new ArrayList<>();
                    } else {
                        ended = new ArrayList<>(finals.subList(0, FINALS_PER_STATEMENT));
                        finals = new ArrayList<>(finals.subList(FINALS_PER_STATEMENT, finals.size()));
                    }
                }
                write(starts, ended);
            }
        } finally {
            if (!emptied) {
                // An Error left the loop: the rows asked for meanwhile learn it instead of waiting for ever (the
                // final states stay queued for the next round; unwritten, their rows end UNKNOWN by recovery).
                List<Pending> left;
                synchronized (lock) {
                    writing = false;
                    left = queued;
                    queued = new ArrayList<>();
                    lock.notifyAll();
                }
                fail(left, new IllegalStateException("the start writer failed"));
            }
        }
    }

    /**
     * One statement for both when there are both; should it fail, each part once more on its own. The final states
     * count as unrecorded until then, written or failed (a failed one's rows are left to lease recovery).
     */
    private void write(List<Pending> starts, List<Finished> ended) {
        try {
            writeTogetherOrApart(starts, ended);
        } finally {
            ended.forEach(finished -> unrecorded.remove(finished.row().id()));
        }
    }

    private void writeTogetherOrApart(List<Pending> starts, List<Finished> ended) {
        if (!starts.isEmpty() && !ended.isEmpty()) {
            Outbox.Written written = null;
            try {
                written = outbox.startAndFinish(node, starts.stream().map(p -> p.start).toList(),
                        ended.stream().map(Finished::row).toList());
            } catch (RuntimeException e) {
                log.warn("Writing {} starts and {} final states together failed; writing them apart", starts.size(),
                        ended.size(), e);
            }
            if (written != null) {
                settle(starts, written.started(), null);
                then(ended, written.finished());
                return;
            }
        }
        if (!starts.isEmpty()) {
            writeStarts(starts);
        }
        if (!ended.isEmpty()) {
            writeFinals(ended);
        }
    }

    private void writeStarts(List<Pending> group) {
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

    private void writeFinals(List<Finished> ended) {
        Set<UUID> recorded;
        try {
            recorded = outbox.finishAll(node, ended.stream().map(Finished::row).toList());
        } catch (RuntimeException e) {
            // As when a single finish failed: the rows stay SENDING, started, and lease recovery ends them UNKNOWN.
            log.error("Could not record the final states of {} sent messages; lease recovery will mark them "
                    + "UNKNOWN", ended.size(), e);
            return;
        }
        then(ended, recorded);
    }

    private static void then(List<Finished> ended, Set<UUID> recorded) {
        for (Finished finished : ended) {
            try {
                finished.then().accept(recorded.contains(finished.row().id()));
            } catch (RuntimeException e) {
                log.error("Handling the final state of outbox message {} failed", finished.row().id(), e);
            }
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
