package dev.consentflow.consent.internal;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The full re-verification of a chain, in the background: every entry from the first to the head as it stood
 * when the run began, and every signed checkpoint on the way (its signature, and the hash of the entry it names).
 * The walk reads a page per short transaction (entries are append-only, so no snapshot is needed up to a fixed
 * head) and records its progress, which any node answers from {@code consent_audit_verification}.
 *
 * <p>One node walks a run at a time: the one holding its lease, renewed with every progress record. A node that
 * dies leaves its run {@code RUNNING} only until the lease runs out: every node looks for such runs every 30 s
 * ({@link VerificationTakeoverJob}) and resumes one after its last recorded entry, from that entry's verified
 * hash, as the key rotation resumes its re-wrap.
 */
@Component
class FullVerifications {

    private static final Logger log = LoggerFactory.getLogger(FullVerifications.class);
    private static final int PAGE = 1000;
    private static final int PROGRESS_EVERY_PAGES = 10;
    /** Longer than ten pages take on a busy node: a node that stops renewing it is gone. */
    static final Duration LEASE = Duration.ofMinutes(1);
    /** This node, as a lease holder: the JVM's name (pid@host) and a random part, new at every start. */
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private final JdbcClient jdbc;
    private final AuditRowRepository rows;
    private final ChainVerifier verifier;
    private final AuditCheckpoints checkpoints;
    private final AuditChainer chainer;
    private final TransactionTemplate transactions;
    /** Runs queued or walking on this node: a node busy with one takes over no other. */
    private final AtomicInteger busy = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-full-verification");
        thread.setDaemon(true);
        return thread;
    });

    FullVerifications(JdbcClient jdbc, AuditRowRepository rows, ChainVerifier verifier, AuditCheckpoints checkpoints,
                      AuditChainer chainer, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.chainer = chainer;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A run's progress and, once finished, its result. */
    record Progress(UUID id, String status, long done, long total, Instant startedAt, Instant finishedAt,
                    Boolean valid, Long firstBrokenSeq, int checkpoints) {
    }

    /** Where a walk starts: after the entry {@code done} (whose verified hash is {@code doneHash}). */
    private record Resume(UUID id, AuditHead head, long done, byte[] doneHash, int checkpoints) {
    }

    /** Starts a run over the chain as it stands now; answers its first progress. */
    Progress start(UUID chain, String requestedBy) {
        chainer.chain(chain);
        UUID id = UUID.randomUUID();
        AuditHead head = verifier.head(chain);
        jdbc.sql("""
                        insert into consent_audit_verification (id, account_id, requested_by, started_at, head_seq,
                                                                head_hash, lease_holder, lease_until)
                        values (:id, :chain, :by, :at, :seq, :hash, :node, now() + make_interval(secs => :lease))""")
                .param("id", id).param("chain", chain).param("by", requestedBy)
                .param("at", Timestamp.from(Instant.now())).param("seq", head.seq()).param("hash", head.hash())
                .param("node", NODE).param("lease", LEASE.toSeconds()).update();
        walkInBackground(new Resume(id, head, 0, null, 0));
        return find(id, chain).orElseThrow();
    }

    /**
     * Takes over one run whose node stopped renewing its lease (or that never had one), unless this node is busy
     * with a run; answers its id. The walk resumes in the background after the run's last recorded entry.
     */
    Optional<UUID> takeOverAbandoned() {
        if (busy.get() > 0) {
            return Optional.empty();
        }
        Optional<Resume> claimed = jdbc.sql("""
                        update consent_audit_verification
                           set lease_holder = :node, lease_until = now() + make_interval(secs => :lease)
                         where id = (select id from consent_audit_verification
                                      where finished_at is null and (lease_until is null or lease_until < now())
                                      order by started_at limit 1 for update skip locked)
                        returning id, account_id, head_seq, head_hash, done, done_hash, checkpoints""")
                .param("node", NODE).param("lease", LEASE.toSeconds())
                .query((rs, n) -> {
                    byte[] doneHash = rs.getBytes("done_hash");
                    boolean resumable = doneHash != null && rs.getLong("done") > 0;
                    return new Resume(rs.getObject("id", UUID.class), new AuditHead(rs.getObject("account_id",
                            UUID.class), rs.getLong("head_seq"), rs.getBytes("head_hash")),
                            resumable ? rs.getLong("done") : 0, resumable ? doneHash : null,
                            resumable ? rs.getInt("checkpoints") : 0);
                })
                .optional();
        claimed.ifPresent(run -> {
            log.info("Taking over the full verification {} of chain {} after entry {}", run.id(),
                    run.head().accountId(), run.done());
            walkInBackground(run);
        });
        return claimed.map(Resume::id);
    }

    private void walkInBackground(Resume run) {
        busy.incrementAndGet();
        worker.execute(() -> {
            try {
                walk(run);
            } catch (RuntimeException e) {
                log.warn("The full verification {} of chain {} stopped: {}", run.id(), run.head().accountId(),
                        e.toString());
            } finally {
                busy.decrementAndGet();
            }
        });
    }

    /** A run of this chain (another chain's runs are not found). */
    Optional<Progress> find(UUID id, UUID chain) {
        return jdbc.sql("""
                        select id, finished_at, done, head_seq, started_at, valid, first_broken_seq, checkpoints
                          from consent_audit_verification where id = :id and account_id = :chain""")
                .param("id", id).param("chain", chain)
                .query((rs, n) -> new Progress(rs.getObject("id", UUID.class),
                        rs.getTimestamp("finished_at") == null ? "RUNNING" : "FINISHED", rs.getLong("done"),
                        rs.getLong("head_seq"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        (Boolean) rs.getObject("valid"), (Long) rs.getObject("first_broken_seq"),
                        rs.getInt("checkpoints")))
                .optional();
    }

    /** Walks the chain up to the head it had at the start, here; public to the package for the measurements. */
    void run(UUID id, AuditHead head) {
        jdbc.sql("update consent_audit_verification set lease_holder = :node, "
                        + "lease_until = now() + make_interval(secs => :lease) where id = :id")
                .param("node", NODE).param("lease", LEASE.toSeconds()).param("id", id).update();
        walk(new Resume(id, head, 0, null, 0));
    }

    /** Walks from where the run stands while this node holds its lease; stops when another node took it. */
    private void walk(Resume run) {
        UUID id = run.id();
        AuditHead head = run.head();
        UUID chain = head.accountId();
        List<AuditCheckpoint> onTheWay = checkpoints.upTo(chain, head.seq());
        ChainWalk walk = new ChainWalk(run.done(), run.doneHash(), onTheWay, checkpoints::signedByUs);
        int pages = 0;
        walking:
        while (walk.lastSeq() < head.seq()) {
            List<AuditRow> page = transactions.execute(status -> rows.page(chain, walk.lastSeq(), PAGE));
            if (page.isEmpty()) {
                break;
            }
            for (AuditRow row : page) {
                if (row.seq() > head.seq() || !walk.accept(row)) {
                    break walking;
                }
            }
            if (++pages % PROGRESS_EVERY_PAGES == 0 && !progress(id, walk, run.checkpoints())) {
                log.info("The full verification {} was taken over by another node", id);
                return;
            }
        }
        boolean valid = walk.endsAt(head);
        jdbc.sql("""
                        update consent_audit_verification
                           set done = :done, done_hash = :hash, finished_at = :at, valid = :valid,
                               first_broken_seq = :broken, checkpoints = :checkpoints, lease_holder = null,
                               lease_until = null
                         where id = :id and lease_holder = :node""")
                .param("done", walk.lastSeq()).param("hash", walk.lastHash())
                .param("at", Timestamp.from(Instant.now())).param("valid", valid)
                .param("broken", walk.firstBroken()).param("checkpoints", run.checkpoints() + walk.checkpointsChecked())
                .param("id", id).param("node", NODE).update();
    }

    /** Records how far the walk got and renews the lease; answers false when the lease is no longer ours. */
    private boolean progress(UUID id, ChainWalk walk, int checkpointsBefore) {
        return jdbc.sql("""
                        update consent_audit_verification
                           set done = :done, done_hash = :hash, checkpoints = :checkpoints,
                               lease_until = now() + make_interval(secs => :lease)
                         where id = :id and lease_holder = :node and finished_at is null""")
                .param("done", walk.lastSeq()).param("hash", walk.lastHash())
                .param("checkpoints", checkpointsBefore + walk.checkpointsChecked())
                .param("lease", LEASE.toSeconds()).param("id", id).param("node", NODE).update() == 1;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
