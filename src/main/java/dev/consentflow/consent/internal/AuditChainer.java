package dev.consentflow.consent.internal;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Chaining runs right after the appending transaction commits, on this node's chainer thread; readers of the
 * trail chain what waits first ({@link #chain(UUID)}), so they see every committed entry; a sweep picks up
 * entries whose node stopped before chaining them. One chain is chained by one transaction at a time, on every
 * node: a transaction-scoped advisory lock on the chain, taken before the pending rows are read.
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

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Set<UUID> signalled = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-chainer");
        thread.setDaemon(true);
        return thread;
    });

    AuditChainer(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
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
                worker.execute(() -> {
                    signalled.remove(chain);
                    try {
                        chain(chain);
                    } catch (RuntimeException e) {
                        log.warn("Could not chain audit entries of {} (the sweep will): {}", chain, e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                signalled.remove(chain);
                log.info("Shutting down: audit entries of {} are chained by the next sweep", chain);
            }
        }
    }

    private record Pending(long id, Instant at, UUID subscriberId, String action, String actor, String detail,
                           String processInstanceId) {
    }

    private int chainBatch(UUID chain) {
        jdbc.sql("select pg_advisory_xact_lock(:lockClass, :key)")
                .param("lockClass", LOCK_CLASS).param("key", chain.hashCode()).query().singleValue();
        List<Pending> pending = jdbc.sql("""
                        select id, at, subscriber_id, action, actor, detail::text as detail, process_instance_id
                        from consent_audit_pending where account_id = :chain order by id limit :limit""")
                .param("chain", chain).param("limit", BATCH)
                .query((rs, n) -> new Pending(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getObject("subscriber_id", UUID.class), rs.getString("action"), rs.getString("actor"),
                        rs.getString("detail"), rs.getString("process_instance_id")))
                .list();
        if (pending.isEmpty()) {
            return 0;
        }
        jdbc.sql("insert into consent_audit_head (account_id, seq, hash) values (:chain, 0, null) "
                + "on conflict do nothing").param("chain", chain).update();
        AuditHead head = jdbc.sql("select account_id, seq, hash from consent_audit_head where account_id = :chain "
                        + "for update").param("chain", chain)
                .query((rs, n) -> new AuditHead(rs.getObject("account_id", UUID.class), rs.getLong("seq"),
                        rs.getBytes("hash")))
                .single();
        long seq = head.seq();
        byte[] previous = head.hash();
        List<Object[]> rows = new ArrayList<>(pending.size());
        List<Long> ids = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            Pending entry = pending.get(i);
            seq++;
            byte[] hash = CanonicalEntry.hash(chain, seq, entry.at(), entry.subscriberId(), entry.action(),
                    entry.actor(), CanonicalEntry.parseDetail(entry.detail()), entry.processInstanceId(), previous);
            rows.add(new Object[] {chain, seq, Timestamp.from(entry.at()), entry.subscriberId(), entry.action(),
                    entry.actor(), entry.detail(), entry.processInstanceId(), previous, hash});
            previous = hash;
            ids.add(entry.id());
        }
        jdbc.sql("delete from consent_audit_pending where id in (:ids)").param("ids", ids).update();
        insert(rows);
        jdbc.sql("update consent_audit_head set seq = :seq, hash = :hash where account_id = :chain")
                .param("seq", seq).param("hash", previous).param("chain", chain).update();
        return pending.size();
    }

    private void insert(List<Object[]> rows) {
        StringBuilder sql = new StringBuilder("""
                insert into consent_audit_entry
                    (account_id, seq, at, subscriber_id, action, actor, detail, process_instance_id, prev_hash, hash)
                values """);
        List<Object> params = new ArrayList<>(rows.size() * 10);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)");
            params.addAll(Arrays.asList(rows.get(i)));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }
}
