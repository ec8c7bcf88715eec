package dev.consentflow.dispatch.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.dispatch.FinalBatches;
import dev.consentflow.jobs.ScheduledJobs;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger retention: a daily job (once across nodes, {@link ScheduledJobs}) removes from the outbox the messages of
 * batches whose statistics have been final for the retention period ({@link FinalBatches}: a campaign closed that
 * long ago), and single messages (confirmations, welcome and automation mail) final for as long. Each chunk is its own
 * transaction and keeps the batch's counts ({@code dispatch_retired_batch}), so a crash between chunks loses nothing
 * and the next run goes on. The person's history ({@code dispatch_delivery}) keeps every message. Audited
 * RETENTION_APPLIED per campaign and per chunk of single messages: counts and the cut-off, never a value.
 */
@Component
class LedgerRetention {

    static final String JOB = "dispatch-ledger-retention";
    static final String ACTOR = "system:retention";
    private static final int BATCHES_PER_LOOK = 100;
    private static final Logger log = LoggerFactory.getLogger(LedgerRetention.class);
    private static final String REMOVE_BATCH = NamedSql.read("dispatch", "remove-batch-messages");
    private static final String REMOVE_SINGLE = NamedSql.read("dispatch", "remove-single-messages");
    private static final String RETIRED_BATCH = NamedSql.read("dispatch", "retired-batch");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final List<FinalBatches> finals;
    private final AuditLog audit;
    private final ScheduledJobs jobs;
    private final LedgerRetentionProperties properties;

    LedgerRetention(JdbcClient jdbc, TransactionTemplate transactions, List<FinalBatches> finals, AuditLog audit,
                    ScheduledJobs jobs, LedgerRetentionProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.finals = finals;
        this.audit = audit;
        this.jobs = jobs;
        this.properties = properties;
        jobs.declare(JOB, "removes outbox rows of campaigns and messages final for longer than the retention period");
    }

    /** What one run removed. */
    record Removed(long batches, long batchMessages, long singleMessages) {

        String summary() {
            return "campaigns=" + batches + " campaignMessages=" + batchMessages + " singleMessages=" + singleMessages;
        }
    }

    @Scheduled(cron = "${consentflow.dispatch.ledger.cron:0 15 2 * * *}")
    void daily() {
        jobs.runOnce(JOB, Duration.ofHours(12), () -> removeFinal(Instant.now()).summary());
    }

    /** Removes, as of {@code now}, what has been final for longer than the retention period; answers how much. */
    Removed removeFinal(Instant now) {
        Instant before = now.minus(properties.retention());
        long batches = 0;
        long batchMessages = 0;
        for (FinalBatches source : finals) {
            List<FinalBatches.Batch> due;
            boolean progressed;
            do {
                due = source.finalBefore(before, BATCHES_PER_LOOK);
                progressed = false;
                for (FinalBatches.Batch batch : due) {
                    Long removed = removeBatch(source, batch, before);
                    if (removed != null) {
                        progressed = true;
                        batches++;
                        batchMessages += removed;
                    }
                }
            } while (due.size() == BATCHES_PER_LOOK && progressed);
        }
        return new Removed(batches, batchMessages, removeSingles(before));
    }

    /**
     * Removes the batch's messages chunk by chunk, then marks it removed and audits the total; answers the total,
     * or null when messages of it are still on their way (it is looked at again by the next run).
     */
    Long removeBatch(FinalBatches source, FinalBatches.Batch batch, Instant before) {
        int chunk;
        do {
            chunk = transactions.execute(status -> jdbc.sql(REMOVE_BATCH).param("batchId", batch.batchId())
                    .param("accountId", batch.account().value()).param("limit", properties.chunk())
                    .query(Integer.class).single());
        } while (chunk == properties.chunk());
        return transactions.execute(status -> {
            Map<String, Object> left = jdbc.sql(RETIRED_BATCH).param("batchId", batch.batchId()).query().singleRow();
            if (((Number) left.get("kept")).longValue() > 0) {
                log.warn("Batch {} is final but still has messages on their way; its ledger stays", batch.batchId());
                return null;
            }
            long removed = ((Number) left.get("removed")).longValue();
            source.removed(batch);
            if (removed > 0) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("what", "dispatchLedger");
                detail.put("campaign", batch.batchId());
                detail.put("removed", removed);
                detail.put("before", before.toString());
                audit.append(new AuditEntry(batch.account(), null, AuditAction.RETENTION_APPLIED, ACTOR, detail,
                        null));
            }
            return removed;
        });
    }

    /** Removes single messages final before {@code before}, a chunk per transaction, each audited per account. */
    long removeSingles(Instant before) {
        long total = 0;
        long chunk;
        do {
            chunk = transactions.execute(status -> {
                Map<UUID, Long> byAccount = new LinkedHashMap<>();
                jdbc.sql(REMOVE_SINGLE).param("before", Timestamp.from(before)).param("limit", properties.chunk())
                        .query(rs -> {
                            byAccount.put(rs.getObject("account_id", UUID.class), rs.getLong("messages"));
                        });
                byAccount.forEach((account, removed) -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("what", "dispatchMessages");
                    detail.put("removed", removed);
                    detail.put("before", before.toString());
                    audit.append(new AuditEntry(new AccountId(account), null, AuditAction.RETENTION_APPLIED, ACTOR,
                            detail, null));
                });
                return byAccount.values().stream().mapToLong(Long::longValue).sum();
            });
            total += chunk;
        } while (chunk == properties.chunk());
        return total;
    }
}
