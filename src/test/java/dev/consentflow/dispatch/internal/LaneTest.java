package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Recipient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LaneTest {

    @Test
    void asksForItsNextBatchWhenHalfItsWaitingRowsAreLeftAndAgainWhenTheLastIsTaken() throws InterruptedException {
        List<Integer> waitingWhenLow = new CopyOnWriteArrayList<>();
        Lane[] lane = new Lane[1];
        lane[0] = new Lane("node", new OneConnection(), 10, () -> waitingWhenLow.add(lane[0].waiting()));
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(11);
        lane[0].submit(() -> {
            await(hold);
            done.countDown();
        });
        for (int i = 0; i < 10; i++) {
            lane[0].submit(done::countDown);
        }
        assertThat(lane[0].room()).isZero();
        hold.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        lane[0].stop();
        lane[0].awaitStopped();

        // The claim runs while five rows still wait for the thread, not only once the thread has nothing left.
        assertThat(waitingWhenLow).containsExactly(5, 0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class OneConnection implements ChannelSender {
        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public int parallelism() {
            return 1;
        }

        @Override
        public Duration sendBudget() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Delivery send(OutboxRow row, Letter letter, Recipient recipient) {
            throw new UnsupportedOperationException("the lane only runs what it is given");
        }
    }
}
