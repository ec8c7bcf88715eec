package dev.consentflow.dispatch.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.RecipientDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The workers of one node. A scheduled poller claims due rows per channel in batches (only as many as its lanes
 * have room for) and hands them to the lane's bounded thread pool; each thread sends one row at a time outside
 * any transaction. The same scheduler recovers expired leases of any node: the statements lock the rows they
 * change with SKIP LOCKED, so several nodes may run it at once and each row is recovered once.
 *
 * <p>On stop the node claims nothing more, lets the sends in progress finish (each is bounded by its timeouts)
 * and gives back the rows it claimed but never started.
 */
final class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final String node;
    private final DispatchProperties properties;
    private final Outbox outbox;
    private final Courier courier;
    private final List<ChannelSender> senders;
    private final RecipientDirectory directory;
    private final DispatchMetrics metrics;
    private List<Lane> lanes = List.of();
    private ScheduledExecutorService scheduler;
    private final AtomicBoolean pollRequested = new AtomicBoolean();
    private volatile boolean running;

    OutboxWorker(String node, DispatchProperties properties, Outbox outbox, Courier courier,
                 List<ChannelSender> senders, RecipientDirectory directory, DispatchMetrics metrics) {
        this.node = node;
        this.properties = properties;
        this.outbox = outbox;
        this.courier = courier;
        this.senders = List.copyOf(senders);
        this.directory = directory;
        this.metrics = metrics;
        for (ChannelSender sender : this.senders) {
            // A row is started only with a whole send's budget of lease left: with a shorter lease nothing would
            // ever start, and the rows would circle between claim and recovery for ever.
            if (properties.lease().compareTo(sender.sendBudget()) <= 0) {
                throw new IllegalStateException("consentflow.dispatch.lease (" + properties.lease() + ") must be "
                        + "longer than the longest " + sender.channel() + " send (" + sender.sendBudget()
                        + ": twice its connect, read and write timeouts)");
            }
        }
    }

    String node() {
        return node;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        lanes = senders.stream().map(sender -> new Lane(node, sender, properties.batchSize(), this::pollSoon)).toList();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dispatch-poller-" + node));
        long poll = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollSafely, 0, poll, TimeUnit.MILLISECONDS);
        long recovery = recoveryInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::recoverSafely, recovery, recovery, TimeUnit.MILLISECONDS);
        running = true;
        log.info("Dispatch node {} started: {} mail connections, batches of {}, lease {}", node,
                properties.connectionsPerRelay(), properties.batchSize(), properties.lease());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
            for (Lane lane : lanes) {
                lane.stop();
            }
            for (Lane lane : lanes) {
                lane.awaitStopped();
            }
            courier.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int released = outbox.releaseUnstarted(node);
        log.info("Dispatch node {} stopped; {} claimed messages given back to the queue", node, released);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * One round: claim what the lanes have room for, as long as there is more due. A lane that still has more than
     * half a batch waiting is left alone: it asks for its next batch itself when it runs low, and a claim of the
     * few rows its threads freed since the last tick would cost a statement (and a commit) for every few messages.
     */
    void poll() {
        for (Lane lane : lanes) {
            int claimed;
            do {
                int limit = Math.min(lane.room(), claimCap());
                if (limit <= 0 || !running || lane.waiting() > claimCap() / 2) {
                    break;
                }
                List<OutboxRow> rows = outbox.claimDue(lane.channel(), node, limit, properties.lease());
                Map<UUID, Courier.Resolved> resolved = resolveAll(rows);
                rows.forEach(row -> lane.submit(() -> courier.deliver(row, lane.sender(), directory,
                        resolved.get(row.id()))));
                claimed = rows.size();
                if (claimed < limit) {
                    break;
                }
            } while (running);
        }
    }

    /**
     * The directory's answers for the claimed rows, one question per account instead of one per row (asked again
     * together once they are too old, see {@link ClaimedAnswers}). Should it fail, each row asks on its own when
     * its turn comes, as it would without this.
     */
    private Map<UUID, Courier.Resolved> resolveAll(List<OutboxRow> rows) {
        Map<UUID, Courier.Resolved> resolved = new HashMap<>();
        Map<AccountId, List<OutboxRow>> byAccount = new LinkedHashMap<>();
        rows.forEach(row -> byAccount.computeIfAbsent(row.account(), a -> new ArrayList<>()).add(row));
        byAccount.forEach((account, ofAccount) -> {
            try {
                long at = System.nanoTime();
                List<RecipientDirectory.Lookup> lookups = ofAccount.stream().map(OutboxWorker::lookup).toList();
                ClaimedAnswers answers = new ClaimedAnswers(directory, account, lookups,
                        directory.resolveAll(account, lookups), at);
                for (OutboxRow row : ofAccount) {
                    resolved.put(row.id(), new Courier.Resolved(answers, lookup(row)));
                }
            } catch (RuntimeException e) {
                log.warn("The recipient directory failed for {} claimed messages; each asks again on its own",
                        ofAccount.size(), e);
            }
        });
        return resolved;
    }

    private static RecipientDirectory.Lookup lookup(OutboxRow row) {
        return new RecipientDirectory.Lookup(row.subscriberId(), row.subscriptionId(), row.channel(), row.purpose());
    }

    /**
     * Gives back the rows of nodes whose lease ran out: unstarted ones to the queue, started confirmations to the
     * queue too (sent again), started list mail UNKNOWN (never sent twice). This node's own rows whose answer it
     * has and is about to record stay as they are.
     */
    void recoverLeases() {
        int requeued = outbox.requeueUnstarted();
        Outbox.StartedRecovered started = outbox.recoverStarted(node, properties.retryDelays().size(),
                courier.unrecordedAnswers());
        int resent = started.sentAgain();
        int unknown = started.unknown();
        if (requeued + unknown + resent > 0) {
            metrics.leasesRecovered(requeued + resent, unknown);
            log.warn("Expired leases recovered: {} messages back to the queue, {} confirmations to be sent again, "
                    + "{} UNKNOWN (their node stopped, died or hung, or was slower than its lease, before the "
                    + "relay's answer was recorded)", requeued, resent, unknown);
        }
    }

    /** A node that sends slowly must not claim more than it can start before its lease runs out. */
    private int claimCap() {
        int cap = properties.batchSize();
        if (properties.ratePerSecond() > 0) {
            double startable = properties.ratePerSecond() * properties.lease().toSeconds() / 2.0;
            cap = (int) Math.max(1, Math.min(cap, startable));
        }
        return cap;
    }

    private Duration recoveryInterval() {
        Duration quarter = properties.lease().dividedBy(4);
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(1);
        return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
    }

    /** A lane ran low: claim its next batch now instead of at the next tick (one extra poll at a time). */
    private void pollSoon() {
        ScheduledExecutorService current = scheduler;
        if (running && pollRequested.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    pollRequested.set(false);
                    pollSafely();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pollRequested.set(false);
            }
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Dispatch poll failed; trying again in {}", properties.pollInterval(), e);
        }
    }

    private void recoverSafely() {
        try {
            recoverLeases();
        } catch (RuntimeException e) {
            log.warn("Lease recovery failed; trying again later", e);
        }
    }
}
