package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.jobs.ScheduledJobs;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Behaviour events (opens, clicks, geo) are kept for the account's period, 24 months unless an ADMIN set another
 * one; a daily job removes older ones, per account in batches, and audits how many it removed (RETENTION_APPLIED:
 * counts and the cut-off, never a value). Runs once across nodes ({@link ScheduledJobs}).
 */
@Component
class BehaviourRetention {

    static final String JOB = "behaviour-event-retention";
    static final int DEFAULT_MONTHS = 24;
    static final String BEHAVIOUR = "behaviourEventMonths";
    private static final int BATCH = 10_000;

    private final JdbcClient jdbc;
    private final AuditAtCommit audit;
    private final TransactionTemplate transactions;
    private final ScheduledJobs jobs;

    BehaviourRetention(JdbcClient jdbc, AuditAtCommit audit, TransactionTemplate transactions, ScheduledJobs jobs) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.jobs = jobs;
        jobs.declare(JOB, "removes behaviour events older than each account's retention period");
    }

    record Setting(int behaviourEventMonths, Instant updatedAt, String updatedBy) {
    }

    Setting of(AccountId account) {
        return jdbc.sql("select behaviour_event_months, updated_at, updated_by from contacts_retention_setting "
                        + "where account_id = :account").param("account", account.value())
                .query((rs, n) -> new Setting(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .optional().orElse(new Setting(DEFAULT_MONTHS, null, null));
    }

    /**
     * Sets the account's period, or with {@code null} keeps it and only records who changed the account's retention
     * settings last (another setting of them changed).
     */
    Setting change(Caller caller, Integer months) {
        AccountId account = caller.requireAccount();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into contacts_retention_setting (account_id, behaviour_event_months, updated_at, updated_by)
                            values (:account, coalesce(:months, :default), now(), :by)
                            on conflict (account_id) do update set behaviour_event_months =
                                coalesce(:months, contacts_retention_setting.behaviour_event_months),
                                updated_at = now(), updated_by = :by""")
                    .param("account", account.value()).param("months", months, java.sql.Types.INTEGER)
                    .param("default", DEFAULT_MONTHS).param("by", caller.actor()).update();
            if (months != null) {
                audit.append(new AuditEntry(account, null, AuditAction.SETTING_CHANGED, caller.actor(),
                        Map.of("setting", BEHAVIOUR, "value", months), null));
            }
        });
        return of(account);
    }

    @Scheduled(cron = "${consentflow.contacts.retention-cron:0 45 1 * * *}")
    void daily() {
        jobs.runOnce(JOB, Duration.ofHours(12), () -> "behaviourEvents=" + removeExpired(Instant.now()));
    }

    /** Removes, for every account, the behaviour events older than its period as of {@code now}; answers how many. */
    long removeExpired(Instant now) {
        List<UUID> accounts = jdbc.sql("select distinct account_id from contacts_event "
                + "where type in ('OPEN', 'CLICK', 'GEO')").query(UUID.class).list();
        long total = 0;
        for (UUID id : accounts) {
            total += removeExpired(new AccountId(id), now);
        }
        return total;
    }

    /** Removes one account's behaviour events older than its period as of {@code now}; answers how many. */
    long removeExpired(AccountId account, Instant now) {
        UUID id = account.value();
        Instant before = now.atOffset(ZoneOffset.UTC).minusMonths(of(account).behaviourEventMonths()).toInstant();
        return transactions.execute(status -> {
            long removed = 0;
            int batch;
            do {
                batch = jdbc.sql("""
                                delete from contacts_event where id in (
                                    select id from contacts_event
                                     where account_id = :account and type in ('OPEN', 'CLICK', 'GEO') and at < :before
                                     limit :limit)""")
                        .param("account", id).param("before", Timestamp.from(before)).param("limit", BATCH)
                        .update();
                removed += batch;
            } while (batch == BATCH);
            if (removed > 0) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("what", "behaviourEvents");
                detail.put("removed", removed);
                detail.put("before", before.toString());
                audit.append(new AuditEntry(account, null, AuditAction.RETENTION_APPLIED, ContactAudit.RETENTION,
                        detail, null));
            }
            return removed;
        });
    }
}
