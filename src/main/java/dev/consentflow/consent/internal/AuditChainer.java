package dev.consentflow.consent.internal;

import dev.consentflow.NamedSql;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed entries from {@code consent_audit_pending} into their account's chain, in the order of their
 * ids, many per transaction: each takes the next seq and links to the entry before it. Appending only writes the
 * pending row, so transactions of one account no longer wait for each other's commit at the chain's head.
 *
 * <p>Chaining runs shortly after the appending transaction commits ({@value #GATHER_MILLIS} ms: the entries that
 * other transactions of the chain commit meanwhile are chained by the same batch, one commit for all of them), on
 * this node's chainer thread; readers of the trail chain what waits first ({@link #chain(UUID)}), so they see every
 * committed entry; a sweep picks up
 * entries whose node stopped before chaining them. One chain is chained by one transaction at a time, on every
 * node: a transaction-scoped advisory lock on the chain, taken before the pending rows are read. Under it a batch
 * costs two statements more: the waiting entries deleted and returned with the head they follow (no lock on the
 * head row: every linker holds the chain's lock), then inserted together with the head's move. Many entries of
 * one transaction (an import's chunk) skip the waiting room: {@link #appendNow} chains them in that transaction.
 *
 * <p>The order is the order in which the entries were written (their ids), as it was when each append took the
 * head's lock: a transaction that waited for another one's lock writes its entry after that one's.
 */
@Component
class AuditChainer {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    /** The advisory lock class of audit chains (two-int keys, apart from the one-bigint keys of other locks). */
    private static final int LOCK_CLASS = 0x61756474;
    private static final int BATCH = 500;
    /**
     * How long a signalled chain waits before its batch is taken: the entries committed meanwhile join it. Chained at
     * once, a batch held one entry as a rule (SignupConfirmCostBench: 0.92 chainer commits and 2.66 statements per
     * confirmation); nothing waits for it (readers chain first, {@link #chain(UUID)}).
     */
    private static final long GATHER_MILLIS = 50;
    private static final String TAKE_WAITING = NamedSql.read("consent", "take-waiting-audit-entries");

    private final JdbcClient jdbc;
    private final ChainTail tail;
    private final TransactionTemplate ownTransaction;
    private final Set<UUID> signalled = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-chainer");
        thread.setDaemon(true);
        return thread;
    });

    AuditChainer(JdbcClient jdbc, ChainTail tail, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.tail = tail;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Chains the chain's new entries once the current transaction has committed (at once without one). */
    void chainAfterCommit(UUID chain) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            signal(chain);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal(chain);
            }
        });
    }

    /**
     * Chains every committed entry of the chain that waits, in transactions of its own, before a reader looks
     * at the chain.
     */
    void chain(UUID chain) {
        while (ownTransaction.execute(status -> chainBatch(chain)) == BATCH) {
            log.debug("Chained a full batch of audit entries of {}; looking for more", chain);
        }
    }

    /** Entries whose chaining did not run (the node stopped, the database was away): every few seconds. */
    @Scheduled(initialDelay = 5, fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
    void sweep() {
        try {
            jdbc.sql("select distinct account_id from consent_audit_pending").query(UUID.class).list()
                    .forEach(this::chain);
        } catch (RuntimeException e) {
            log.warn("Could not chain waiting audit entries (will try again): {}", e.toString());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void signal(UUID chain) {
        // A chain already signalled has a task that has not started yet: it will read this entry too.
        if (signalled.add(chain)) {
            try {
                worker.schedule(() -> {
                    signalled.remove(chain);
                    try {
                        chain(chain);
                    } catch (RuntimeException e) {
                        log.warn("Could not chain audit entries of {} (the sweep will): {}", chain, e.toString());
                    }
                }, GATHER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                signalled.remove(chain);
                log.info("Shutting down: audit entries of {} are chained by the next sweep", chain);
            }
        }
    }

    /** A waiting entry taken out of the waiting room, with the chain's head as the statement that took it read it. */
    private record Taken(Instant at, UUID subscriberId, String action, String actor, String detail,
                         String processInstanceId, ChainTail.Head head) {
        ChainTail.Link link() {
            return new ChainTail.Link(at, subscriberId, action, actor, CanonicalEntry.parseDetail(detail), detail,
                    processInstanceId);
        }
    }

    /**
     * Appends entries straight into the chain in the caller's transaction (an import's chunk: thousands at once),
     * after the committed entries that wait: the chain's lock is held until the caller commits, so one chain is
     * still chained by one transaction at a time, and the entries exist if and only if the caller's facts do.
     */
    void appendNow(UUID chain, List<ChainTail.Link> entries) {
        appendNow(tail.ready(chain, entries));
    }

    /**
     * As {@link #appendNow(UUID, List)}, for entries made ready before the lock ({@link ChainTail#ready}): under the
     * lock, each entry only takes its seq, its hash and its row's last columns.
     */
    void appendNow(ChainTail.Ready entries) {
        lock(entries.chain());
        while (chainWaiting(entries.chain()) == BATCH) {
            log.debug("Chained a full batch of waiting audit entries of {} before an append", entries.chain());
        }
        tail.link(entries);
    }

    /** The chain's transaction-scoped advisory lock: whoever links into the chain holds it until its commit. */
    void lock(UUID chain) {
        jdbc.sql("select pg_advisory_xact_lock(:lockClass, :key)")
                .param("lockClass", LOCK_CLASS).param("key", lockKey(chain)).query().singleValue();
    }

    /** Two chains of one key share a lock; whoever locks several chains locks them in the order of their keys. */
    static int lockKey(UUID chain) {
        return chain.hashCode();
    }

    private int chainBatch(UUID chain) {
        lock(chain);
        return chainWaiting(chain);
    }

    /**
     * Up to a batch of the committed entries that wait, chained in the current transaction (it holds the lock): taken
     * out of the waiting room together with the head they follow, and linked with the head's move, two statements.
     */
    private int chainWaiting(UUID chain) {
        List<Taken> taken = jdbc.sql(TAKE_WAITING).param("chain", chain).param("limit", BATCH)
                .query((rs, n) -> new Taken(rs.getTimestamp("at").toInstant(),
                        rs.getObject("subscriber_id", UUID.class), rs.getString("action"), rs.getString("actor"),
                        rs.getString("detail"), rs.getString("process_instance_id"),
                        rs.getObject("head_seq") == null ? ChainTail.Head.EMPTY
                                : new ChainTail.Head(rs.getLong("head_seq"), rs.getBytes("head_hash"))))
                .list();
        if (taken.isEmpty()) {
            return 0;
        }
        tail.link(chain, taken.get(0).head(), taken.stream().map(Taken::link).toList());
        return taken.size();
    }
}
