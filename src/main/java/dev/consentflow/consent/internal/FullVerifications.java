package dev.consentflow.consent.internal;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 */
@Component
class FullVerifications {

    private static final Logger log = LoggerFactory.getLogger(FullVerifications.class);
    private static final int PAGE = 1000;
    private static final int PROGRESS_EVERY_PAGES = 10;

    private final JdbcClient jdbc;
    private final AuditRowRepository rows;
    private final ChainVerifier verifier;
    private final AuditCheckpoints checkpoints;
    private final AuditChainer chainer;
    private final TransactionTemplate transactions;
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

    /** Starts a run over the chain as it stands now; answers its first progress. */
    Progress start(UUID chain, String requestedBy) {
        chainer.chain(chain);
        UUID id = UUID.randomUUID();
        AuditHead head = verifier.head(chain);
        jdbc.sql("""
                        insert into consent_audit_verification (id, account_id, requested_by, started_at, head_seq, head_hash)
                        values (:id, :chain, :by, :at, :seq, :hash)""")
                .param("id", id).param("chain", chain).param("by", requestedBy)
                .param("at", Timestamp.from(Instant.now())).param("seq", head.seq()).param("hash", head.hash()).update();
        worker.execute(() -> {
            try {
                run(id, head);
            } catch (RuntimeException e) {
                log.warn("The full verification {} of chain {} stopped: {}", id, chain, e.toString());
            }
        });
        return find(id, chain).orElseThrow();
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

    /** Walks the chain up to the head it had at the start; public to the package for the measurements. */
    void run(UUID id, AuditHead head) {
        UUID chain = head.accountId();
        List<AuditCheckpoint> onTheWay = checkpoints.upTo(chain, head.seq());
        ChainWalk walk = new ChainWalk(0, null, onTheWay, checkpoints::signedByUs);
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
            if (++pages % PROGRESS_EVERY_PAGES == 0) {
                jdbc.sql("update consent_audit_verification set done = :done where id = :id")
                        .param("done", walk.lastSeq()).param("id", id).update();
            }
        }
        boolean valid = walk.endsAt(head);
        jdbc.sql("""
                        update consent_audit_verification
                           set done = :done, finished_at = :at, valid = :valid, first_broken_seq = :broken,
                               checkpoints = :checkpoints
                         where id = :id""")
                .param("done", walk.lastSeq()).param("at", Timestamp.from(Instant.now())).param("valid", valid)
                .param("broken", walk.firstBroken()).param("checkpoints", walk.checkpointsChecked())
                .param("id", id).update();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
