package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

class StartedMessagesTest {

    private static final Duration BUDGET = Duration.ofSeconds(140);

    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r);
        started.add(thread);
        return thread;
    });

    /** The outbox's statement, recorded: which rows each call got, and which of them it "started". */
    private static final class RecordingOutbox extends Outbox {
        final List<List<UUID>> calls = new CopyOnWriteArrayList<>();
        final Set<UUID> notOurs = new HashSet<>();
        final CountDownLatch firstCallMayEnd = new CountDownLatch(1);
        volatile RuntimeException failure;

        RecordingOutbox() {
            super(null);
        }

        @Override
        Set<UUID> markStarted(List<UUID> ids, String node, Duration sendBudget) {
            calls.add(List.copyOf(ids));
            if (calls.size() == 1) {
                try {
                    firstCallMayEnd.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            Set<UUID> started = new HashSet<>(ids);
            started.removeAll(notOurs);
            return started;
        }
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void threadsThatStartAtOnceShareOneStatementAndEachLearnsItsOwnRow() throws Exception {
        RecordingOutbox outbox = new RecordingOutbox();
        StartedMessages starts = new StartedMessages("node-a", outbox);
        UUID first = UUID.randomUUID();
        List<UUID> others = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        outbox.notOurs.add(others.get(1));

        CompletableFuture<Boolean> firstStarted = CompletableFuture.supplyAsync(() -> starts.start(first, BUDGET),
                threads);
        await().until(() -> outbox.calls.size() == 1);
        List<CompletableFuture<Boolean>> later = new ArrayList<>();
        for (UUID id : others) {
            later.add(CompletableFuture.supplyAsync(() -> starts.start(id, BUDGET), threads));
        }
        // The three wait while the first statement runs; then one statement starts all three.
        await().until(() -> started.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count() == 3);
        assertThat(outbox.calls).hasSize(1);
        outbox.firstCallMayEnd.countDown();

        assertThat(firstStarted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(later.get(0).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(later.get(1).get(10, TimeUnit.SECONDS)).as("lost its lease: not started").isFalse();
        assertThat(later.get(2).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(outbox.calls).hasSize(2);
        assertThat(outbox.calls.get(1)).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void aFailedStatementFailsTheStartOfEveryRowInIt() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.firstCallMayEnd.countDown();
        outbox.failure = new QueryTimeoutException("the database is gone");
        StartedMessages starts = new StartedMessages("node-a", outbox);

        assertThatThrownBy(() -> starts.start(UUID.randomUUID(), BUDGET)).isSameAs(outbox.failure);
    }
}
