package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one channel on one node: as many as its sender has connections, and at most a batch waiting
 * for them. Rows that are still waiting when the node stops are dropped here and given back by the worker.
 */
final class Lane {

    private final ChannelSender sender;
    private final ThreadPoolExecutor threads;
    private final int capacity;
    /** Rows handed over but not taken yet below which the lane asks for its next batch. */
    private final int lowWater;
    private final AtomicInteger pending = new AtomicInteger();
    private final Runnable runningLow;
    private volatile boolean stopping;

    /**
     * {@code runningLow} is called when only half of {@code waiting} rows are left waiting, so the next claim runs
     * while the threads still have rows to send (called only when the last one was taken, the threads idled for
     * the length of every claim: its statement, its commit and the recipients' look-up), and again when the last
     * waiting row is taken (a claim that found fewer rows than asked for).
     */
    Lane(String node, ChannelSender sender, int waiting, Runnable runningLow) {
        this.sender = sender;
        this.runningLow = runningLow;
        this.capacity = sender.parallelism() + waiting;
        this.lowWater = waiting / 2;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(sender.parallelism(), sender.parallelism(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                r -> new Thread(r, "dispatch-" + sender.channel().name().toLowerCase() + "-" + count.incrementAndGet()
                        + "-" + node));
    }

    Channel channel() {
        return sender.channel();
    }

    ChannelSender sender() {
        return sender;
    }

    int room() {
        return capacity - pending.get();
    }

    /** Rows handed to this lane that no thread has taken yet. */
    int waiting() {
        return Math.max(0, pending.get() - sender.parallelism());
    }

    void submit(Runnable delivery) {
        pending.incrementAndGet();
        threads.execute(() -> {
            try {
                if (!stopping) {
                    delivery.run();
                }
            } finally {
                int left = pending.decrementAndGet();
                if ((left == sender.parallelism() + lowWater || left == sender.parallelism()) && !stopping) {
                    runningLow.run();
                }
            }
        });
    }

    void stop() {
        stopping = true;
        threads.shutdown();
    }

    void awaitStopped() throws InterruptedException {
        if (!threads.awaitTermination(sender.sendBudget().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
            threads.shutdownNow();
        }
    }
}
