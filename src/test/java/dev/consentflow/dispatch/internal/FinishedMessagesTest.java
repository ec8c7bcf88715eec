package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consentflow.dispatch.MessageState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A row's answer counts as unrecorded from its hand-over until its batch was written, whether the write succeeded
 * or failed: the node's own lease recovery leaves exactly those rows alone (a failed write's rows are recovered).
 */
class FinishedMessagesTest {

    /** An outbox whose final-state statements wait for the test's word, and may fail. */
    private static final class HeldOutbox extends Outbox {
        final Semaphore writes = new Semaphore(0);
        volatile RuntimeException failure;

        HeldOutbox() {
            super(null);
        }

        @Override
        Set<UUID> finishAll(String node, List<Final> finals) {
            writes.acquireUninterruptibly();
            if (failure != null) {
                throw failure;
            }
            return finals.stream().map(Final::id).collect(Collectors.toSet());
        }
    }

    @Test
    void anAnswerIsUnrecordedFromItsHandOverUntilItsBatchIsWrittenOrFailed() {
        HeldOutbox outbox = new HeldOutbox();
        FinishedMessages finished = new FinishedMessages("node", outbox);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Set<Boolean> heard = java.util.concurrent.ConcurrentHashMap.newKeySet();

        finished.finish(new Outbox.Final(a, MessageState.SENT, "250 ok"), heard::add);
        assertThat(finished.pending()).containsExactly(a);
        outbox.writes.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.pending().isEmpty());
        assertThat(heard).containsExactly(true);

        outbox.failure = new IllegalStateException("the database went away");
        finished.finish(new Outbox.Final(b, MessageState.HARD_FAIL, "550 no such user"), heard::add);
        assertThat(finished.pending()).containsExactly(b);
        outbox.writes.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.pending().isEmpty());
    }
}
