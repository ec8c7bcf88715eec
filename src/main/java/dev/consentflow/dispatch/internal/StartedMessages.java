package dev.consentflow.dispatch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

/**
 * Marks claimed rows started for the lanes of one node: the rows that several mail threads are about to send at
 * the same moment go in one statement and one commit (a group commit) instead of one each. Every thread still
 * waits until its own row's start is committed before it contacts the relay, and a row is started only when the
 * statement answered it, so what a crash leaves behind is exactly what one statement per row left: started rows
 * end UNKNOWN (or are sent again, for confirmations), unstarted ones go back to the queue.
 *
 * <p>No thread of its own: the first waiting thread writes every start waiting at that moment, the others' too;
 * threads that arrive meanwhile are written by the next one.
 */
final class StartedMessages {

    private record Start(UUID id, Duration budget, CompletableFuture<Boolean> started) {
    }

    private final String node;
    private final Outbox outbox;
    private final LinkedBlockingQueue<Start> waiting = new LinkedBlockingQueue<>();
    private final Object writing = new Object();

    StartedMessages(String node, Outbox outbox) {
        this.node = node;
        this.outbox = outbox;
    }

    /** As {@link Outbox#markStarted(UUID, String, Duration)}: whether the row is this node's to send now. */
    boolean start(UUID id, Duration budget) {
        Start start = new Start(id, budget, new CompletableFuture<>());
        waiting.add(start);
        synchronized (writing) {
            if (!start.started().isDone()) {
                List<Start> batch = new ArrayList<>();
                waiting.drainTo(batch);
                write(batch);
            }
        }
        try {
            return start.started().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void write(List<Start> batch) {
        Map<Duration, List<Start>> byBudget = batch.stream().collect(Collectors.groupingBy(Start::budget));
        byBudget.forEach((budget, starts) -> {
            try {
                Set<UUID> started = outbox.markStarted(starts.stream().map(Start::id).toList(), node, budget);
                starts.forEach(s -> s.started().complete(started.contains(s.id())));
            } catch (RuntimeException e) {
                // As when one row's statement failed: the rows stay claimed and unstarted, and go back to the queue.
                starts.forEach(s -> s.started().completeExceptionally(e));
            }
        });
    }
}
