package dev.consentflow.consent.internal;

import dev.consentflow.consent.ChainVerification;
import dev.consentflow.jobs.ScheduledJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a signed checkpoint of a chain's head once enough was appended since the last one (entries or time),
 * after verifying what was appended: a checkpoint vouches only for a chain that held. A chain that does not hold
 * gets no checkpoint, and an error in the log. One node at a time per chain (an advisory lock).
 */
@Component
class AuditCheckpointer {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointer.class);
    /** The advisory lock class of checkpoints ("ckpt"), apart from the chainer's. */
    private static final int LOCK_CLASS = 0x636b7074;
    static final String JOB = "audit-checkpoint";

    private final JdbcClient jdbc;
    private final AuditChainer chainer;
    private final ChainVerifier verifier;
    private final AuditCheckpoints checkpoints;
    private final CheckpointProperties properties;
    private final TransactionTemplate snapshot;
    private final ScheduledJobs jobs;

    AuditCheckpointer(JdbcClient jdbc, AuditChainer chainer, ChainVerifier verifier, AuditCheckpoints checkpoints,
                      CheckpointProperties properties, PlatformTransactionManager transactionManager,
                      ScheduledJobs jobs) {
        this.jobs = jobs;
        jobs.declare(JOB, "verifies what was appended to each audit chain and signs a checkpoint of its head");
        this.jdbc = jdbc;
        this.chainer = chainer;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @Scheduled(fixedDelayString = "${consentflow.audit.checkpoint.poll-interval:PT1M}",
            initialDelayString = "${consentflow.audit.checkpoint.poll-interval:PT1M}")
    void poll() {
        jobs.runOnce(JOB, Duration.ZERO, () -> "checkpoints=" + run());
    }

    /** Checkpoints every chain that is due; answers how many checkpoints were written. */
    int run() {
        int written = 0;
        for (UUID chain : jdbc.sql("select account_id from consent_audit_head where seq > 0").query(UUID.class).list()) {
            if (due(chain) && checkpoint(chain).isPresent()) {
                written++;
            }
        }
        return written;
    }

    /** Verifies the chain from its newest checkpoint and checkpoints its head if it holds (whether due or not). */
    Optional<AuditCheckpoint> checkpoint(UUID chain) {
        chainer.chain(chain);
        return snapshot.execute(status -> {
            boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lockClass, :key)")
                    .param("lockClass", LOCK_CLASS).param("key", chain.hashCode()).query(Boolean.class).single();
            if (!locked) {
                return Optional.<AuditCheckpoint>empty();
            }
            AuditHead head = verifier.head(chain);
            ChainVerification verification = verifier.fromNewestCheckpoint(chain);
            if (!verification.valid()) {
                log.error("The audit chain {} does not hold from seq {}: no checkpoint written", chain,
                        verification.firstBrokenSeq());
                return Optional.<AuditCheckpoint>empty();
            }
            if (head.seq() == 0 || verification.fromCheckpoint() != null
                    && verification.fromCheckpoint().seq() == head.seq()) {
                return Optional.<AuditCheckpoint>empty();
            }
            return Optional.of(checkpoints.write(chain, head.seq(), head.hash()));
        });
    }

    private boolean due(UUID chain) {
        AuditHead head = verifier.head(chain);
        Optional<AuditCheckpoint> last = checkpoints.newest(chain, Long.MAX_VALUE);
        long since = head.seq() - last.map(AuditCheckpoint::seq).orElse(0L);
        return since >= properties.everyEntries() || since > 0
                && last.map(AuditCheckpoint::at).orElse(Instant.EPOCH).isBefore(Instant.now().minus(properties.every()));
    }
}
