package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.consentflow.dispatch.MessageState;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Starts asked for while a statement is in flight go together into the next one, and each waits for its commit;
 * final states handed over meanwhile share that statement, and are never held back for company.
 */
class MessageStartsTest {

    private static final Duration BUDGET = Duration.ofSeconds(140);

    private final HeldOutbox outbox = new HeldOutbox();
    private final MessageStarts starts = new MessageStarts("node", outbox);

    /** An outbox whose start statements wait for the test's word, and may refuse rows or fail. */
    private static final class HeldOutbox extends Outbox {
        final BlockingQueue<List<UUID>> statements = new LinkedBlockingQueue<>();
        final Semaphore commits = new Semaphore(0);
        volatile Set<UUID> refused = Set.of();
        volatile RuntimeException failure;
        /** Thrown by the statement that writes starts and final states together. */
        volatile RuntimeException together;
        /** Thrown by the statement that writes final states alone. */
        volatile RuntimeException finalsFailure;

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

        @Override
        Set<UUID> finishAll(String node, List<Final> finals) {
            List<UUID> ids = finals.stream().map(Final::id).toList();
            statements.add(ids);
            commits.acquireUninterruptibly();
            if (finalsFailure != null) {
                throw finalsFailure;
            }
            return ids.stream().filter(id -> !refused.contains(id)).collect(Collectors.toSet());
        }

        @Override
        Written startAndFinish(String node, List<Start> starts, List<Final> finals) {
            List<UUID> ids = new ArrayList<>(starts.stream().map(Start::id).toList());
            finals.forEach(f -> ids.add(f.id()));
            statements.add(ids);
            commits.acquireUninterruptibly();
            if (together != null) {
                throw together;
            }
            return new Written(starts.stream().map(Start::id).filter(id -> !refused.contains(id))
                    .collect(Collectors.toSet()), finals.stream().map(Final::id).filter(id -> !refused.contains(id))
                    .collect(Collectors.toSet()));
        }

        List<UUID> nextStatement() throws InterruptedException {
            List<UUID> ids = statements.poll(10, TimeUnit.SECONDS);
            assertThat(ids).as("a statement").isNotNull();
            return ids;
        }
    }

    private static Outbox.Final sent(UUID id) {
        return new Outbox.Final(id, MessageState.SENT, "250 ok");
    }

    /**
     * A first start is in flight while {@code meanwhile} runs and {@code next} asks for its start; the first is
     * committed. Answers the next one's start, not written yet.
     */
    private MessageStarts.Pending afterAStartInFlight(UUID next, Runnable meanwhile) throws InterruptedException {
        UUID a = UUID.randomUUID();
        MessageStarts.Pending first = starts.request(a, BUDGET);
        assertThat(outbox.nextStatement()).containsExactly(a);
        meanwhile.run();
        MessageStarts.Pending second = starts.request(next, BUDGET);
        outbox.commits.release();
        assertThat(first.started()).isTrue();
        return second;
    }

    /**
     * A row's answer counts as unrecorded from its hand-over until its statement was written, whether it succeeded
     * or failed: the node's own lease recovery leaves exactly those rows alone (a failed write's rows it recovers).
     */
    @Test
    void anAnswerIsUnrecordedFromItsHandOverUntilItsStatementIsWrittenOrFailed() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        CompletableFuture<Boolean> aRecorded = new CompletableFuture<>();

        starts.finish(sent(a), aRecorded::complete);
        assertThat(starts.unrecorded()).containsExactly(a);
        assertThat(outbox.nextStatement()).containsExactly(a);
        assertThat(starts.unrecorded()).as("in flight, still unrecorded").containsExactly(a);
        outbox.commits.release();
        assertThat(aRecorded.get(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> starts.unrecorded().isEmpty());

        outbox.finalsFailure = new IllegalStateException("the database went away");
        starts.finish(new Outbox.Final(b, MessageState.HARD_FAIL, "550 no such user"), recorded -> { });
        assertThat(starts.unrecorded()).containsExactly(b);
        assertThat(outbox.nextStatement()).containsExactly(b);
        outbox.commits.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> starts.unrecorded().isEmpty());
    }

    @Test
    void finalStatesHandedOverMeanwhileShareTheStartsStatementAndLearnWhetherTheyWereRecorded() throws Exception {
        CompletableFuture<Boolean> doneRecorded = new CompletableFuture<>();
        CompletableFuture<Boolean> lostRecorded = new CompletableFuture<>();
        UUID done = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        outbox.refused = Set.of(lost);
        UUID b = UUID.randomUUID();

        MessageStarts.Pending second = afterAStartInFlight(b, () -> {
            starts.finish(sent(done), doneRecorded::complete);
            starts.finish(sent(lost), lostRecorded::complete);
        });

        assertThat(outbox.nextStatement()).as("one statement, one commit for all three").containsExactly(b, done, lost);
        assertThat(doneRecorded).isNotDone();
        outbox.commits.release();
        assertThat(second.started()).isTrue();
        assertThat(doneRecorded.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lostRecorded.get(10, TimeUnit.SECONDS)).as("no longer this node's").isFalse();
    }

    @Test
    void aFinalStateIsWrittenAtOnceWithoutWaitingForAStartAndFlushWaitsForIt() throws Exception {
        UUID done = UUID.randomUUID();
        CompletableFuture<Boolean> recorded = new CompletableFuture<>();

        starts.finish(sent(done), recorded::complete);
        assertThat(outbox.nextStatement()).containsExactly(done);
        CompletableFuture<Void> flushed = CompletableFuture.runAsync(starts::flush);
        Thread.sleep(100);
        assertThat(flushed).as("flush waits for the statement in flight").isNotDone();
        outbox.commits.release();
        flushed.get(10, TimeUnit.SECONDS);
        assertThat(recorded).isCompletedWithValue(true);
    }

    @Test
    void whenTheSharedStatementFailsTheStartsAndTheFinalStatesAreWrittenApart() throws Exception {
        UUID b = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        CompletableFuture<Boolean> recorded = new CompletableFuture<>();
        outbox.together = new IllegalStateException("deadlock detected");

        MessageStarts.Pending second = afterAStartInFlight(b, () -> starts.finish(sent(done), recorded::complete));

        assertThat(outbox.nextStatement()).containsExactly(b, done);
        outbox.commits.release();
        assertThat(outbox.nextStatement()).as("the starts first").containsExactly(b);
        outbox.commits.release();
        assertThat(second.started()).isTrue();
        assertThat(outbox.nextStatement()).containsExactly(done);
        outbox.commits.release();
        assertThat(recorded.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aThreadAsksForItsStartAtOnceAndTheStartsAskedForMeanwhileShareTheNextStatement() throws Exception {
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
