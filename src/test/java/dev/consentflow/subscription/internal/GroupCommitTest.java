package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.consentflow.TransactionRetry;
import dev.consentflow.engine.ProcessRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;

/**
 * {@link GroupCommit} wakes each waiting thread alone: many threads that arrive together through two slots and
 * groups of at most three are each answered with their own value (or their own exception, after their group
 * failed and they ran alone), never more than two groups run at once, and nobody is left waiting (a lost
 * wake-up would leave a thread waiting forever: the answers are awaited with a time limit).
 */
class GroupCommitTest {

    private static final int THREADS = 48;

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void everyoneArrivingTogetherIsAnsweredWithItsOwnValueThroughTwoSlots() throws Exception {
        GroupCommit groups = groupCommit(2, 3);
        List<Future<Integer>> answers = arriveTogether(groups, i -> {
            LockSupport.parkNanos(200_000L);
            return i;
        });

        for (int i = 0; i < THREADS; i++) {
            assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(mostOpen.get()).isBetween(1, 2);
        long[] counts = groups.counts();
        assertThat(counts[1]).as("members answered from a group").isPositive();
        assertThat(transactions.get()).as("fewer transactions than members").isLessThan(THREADS);
        assertThat(groups.waiting()).isZero();
    }

    @Test
    void membersOfFailedGroupsEachGetTheirOwnAnswerAlone() throws Exception {
        GroupCommit groups = groupCommit(2, 4);
        List<Future<Integer>> answers = arriveTogether(groups, i -> {
            LockSupport.parkNanos(200_000L);
            if (i % 7 == 3) {
                throw new IllegalStateException("member " + i);
            }
            return i;
        });

        for (int i = 0; i < THREADS; i++) {
            Future<Integer> answer = answers.get(i);
            if (i % 7 == 3) {
                String expected = "member " + i;
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> answer.get(30, TimeUnit.SECONDS)))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(IllegalStateException.class).hasMessage(expected);
            } else {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
        }
        // Members of a failed group run alone outside the slots (as they would without groups): no bound here.
        assertThat(groups.counts()[2]).as("groups failed").isPositive();
        assertThat(groups.waiting()).isZero();
    }

    private interface Work {
        Integer of(int i);
    }

    private List<Future<Integer>> arriveTogether(GroupCommit groups, Work work) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            answers.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return groups.run(() -> work.of(index));
            }));
        }
        ready.await();
        go.countDown();
        return answers;
    }

    /** A transaction manager that counts the transactions open at once; an engine that runs the command. */
    private GroupCommit groupCommit(int slots, int maxSize) {
        PlatformTransactionManager manager = mock(PlatformTransactionManager.class);
        when(manager.getTransaction(any())).thenAnswer(call -> {
            transactions.incrementAndGet();
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            return mock(TransactionStatus.class);
        });
        doAnswer(call -> open.decrementAndGet()).when(manager).commit(any());
        doAnswer(call -> open.decrementAndGet()).when(manager).rollback(any());
        ProcessRuntime runtime = mock(ProcessRuntime.class, withSettings().defaultAnswer(Mockito.CALLS_REAL_METHODS));
        return new GroupCommit(new TransactionRetry(manager), manager, runtime, slots, maxSize,
                new SimpleMeterRegistry());
    }
}
