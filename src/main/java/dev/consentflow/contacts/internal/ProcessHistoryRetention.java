package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.engine.HistoryRetention;
import dev.consentflow.jobs.ScheduledJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine history of finished platform processes (the process steps of a person's timeline) is kept for the
 * account's period, 36 months unless an ADMIN set another one; a daily job removes the history of instances that
 * ended earlier, per account, a batch per transaction, each batch audited with what it removed (RETENTION_APPLIED:
 * instances per process and the cut-off, never a value). The audit entries themselves stay, and the timeline says
 * from when on the steps are gone. Runs once across nodes ({@link ScheduledJobs}).
 */
@Component
class ProcessHistoryRetention {

    static final String JOB = "engine-history-retention";
    static final String SETTING = "engineHistoryMonths";
    private static final int BATCH = 1000;

    private final HistoryRetention history;
    private final AuditAtCommit audit;
    private final TransactionTemplate transactions;
    private final ScheduledJobs jobs;

    ProcessHistoryRetention(HistoryRetention history, AuditAtCommit audit, TransactionTemplate transactions,
                            ScheduledJobs jobs) {
        this.history = history;
        this.audit = audit;
        this.transactions = transactions;
        this.jobs = jobs;
        jobs.declare(JOB, "removes the engine history of finished platform processes older than each account's period");
    }

    @Scheduled(cron = "${consentflow.contacts.engine-history-retention-cron:0 50 1 * * *}")
    void daily() {
        jobs.runOnce(JOB, Duration.ofHours(12), () -> "engineHistoryInstances=" + removeExpired(Instant.now()));
    }

    /** Removes, for every account, the history older than its period as of {@code now}; answers how many instances. */
    long removeExpired(Instant now) {
        Instant shortest = monthsBefore(now, 1);
        long total = 0;
        for (AccountId account : history.accountsWithHistoryBefore(shortest)) {
            total += removeExpired(account, now);
        }
        return total;
    }

    /** Removes one account's history older than its period as of {@code now}; answers how many instances. */
    long removeExpired(AccountId account, Instant now) {
        int months = history.of(account).months();
        Instant before = monthsBefore(now, months);
        long total = 0;
        int removed;
        do {
            removed = transactions.execute(status -> {
                HistoryRetention.Removal removal = history.removeEndedBefore(account, before, BATCH);
                if (removal.instances() > 0) {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("what", "engineHistory");
                    detail.put("removed", removal.instances());
                    detail.put("processes", removal.byProcess());
                    detail.put("before", before.toString());
                    detail.put(SETTING, months);
                    audit.append(new AuditEntry(account, null, AuditAction.RETENTION_APPLIED, ContactAudit.RETENTION,
                            detail, null));
                }
                return removal.instances();
            });
            total += removed;
        } while (removed == BATCH);
        return total;
    }

    /** In PostgreSQL's precision, so the cut-off recorded and audited is the one applied. */
    private static Instant monthsBefore(Instant now, int months) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant().truncatedTo(ChronoUnit.MICROS);
    }
}
