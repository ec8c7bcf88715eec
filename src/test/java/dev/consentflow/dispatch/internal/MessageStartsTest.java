package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Starts asked for while a start statement is in flight go together into the next one, and each waits for its commit. */
class MessageStartsTest {

    private static final Duration BUDGET = Duration.ofSeconds(140);

    /** An outbox whose start statements wait for the test's word, and may refuse rows or fail. */
    private static final class HeldOutbox extends Outbox {
        final BlockingQueue<List<UUID>> statements = new LinkedBlockingQueue<>();
        final Semaphore commits = new Semaphore(0);
        volatile Set<UUID> refused = Set.of();
        volatile RuntimeException failure;

        HeldOutbox() {
            super(null);
        }

        @Override
        Set<UUID> markAllStarted(String node, List<Start> starts) {
            List<UUID> ids = starts.stream().map(Start::id).toList();
            statements.add(ids);
            commits.acquireUninterruptibly();
            if (failure != null) {
                throw failure;
            }
            return ids.stream().filter(id -> !refused.contains(id)).collect(Collectors.toSet());
        }

        List<UUID> nextStatement() throws InterruptedException {
            List<UUID> ids = statements.poll(10, TimeUnit.SECONDS);
            assertThat(ids).as("a start statement").isNotNull();
            return ids;
        }
    }

    @Test
    void aThreadAsksForItsStartAtOnceAndTheStartsAskedForMeanwhileShareTheNextStatement() throws Exception {
        HeldOutbox outbox = new HeldOutbox();
        MessageStarts starts = new MessageStarts("node", outbox);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        outbox.refused = Set.of(c);

        MessageStarts.Pending first = starts.request(a, BUDGET);
        assertThat(outbox.nextStatement()).containsExactly(a);
        MessageStarts.Pending second = starts.request(b, BUDGET);
        MessageStarts.Pending third = starts.request(c, BUDGET);
        CompletableFuture<Boolean> firstAnswer = CompletableFuture.supplyAsync(first::started);
        assertThat(firstAnswer).as("the answer waits for the commit").isNotDone();

        outbox.commits.release();
        assertThat(firstAnswer.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(outbox.nextStatement()).containsExactly(b, c);
        outbox.commits.release();
        assertThat(second.started()).isTrue();
        assertThat(third.started()).as("no longer this node's to send").isFalse();
    }

    @Test
    void everyStartOfAFailedStatementLearnsTheFailureAndTheNextStatementIsWrittenAgain() throws Exception {
        HeldOutbox outbox = new HeldOutbox();
        MessageStarts starts = new MessageStarts("node", outbox);
        outbox.failure = new IllegalStateException("the database went away");

        MessageStarts.Pending failed = starts.request(UUID.randomUUID(), BUDGET);
        outbox.nextStatement();
        outbox.commits.release();
        assertThatThrownBy(failed::started).hasMessage("the database went away");

        outbox.failure = null;
        UUID later = UUID.randomUUID();
        MessageStarts.Pending next = starts.request(later, BUDGET);
        assertThat(outbox.nextStatement()).containsExactly(later);
        outbox.commits.release();
        assertThat(next.started()).isTrue();
    }
}
