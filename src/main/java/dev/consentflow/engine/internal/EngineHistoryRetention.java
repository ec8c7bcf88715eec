package dev.consentflow.engine.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.engine.HistoryRetention;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.operaton.bpm.engine.HistoryService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link HistoryRetention} on {@code engine_history_retention} and the engine's bulk delete. The instances are
 * found by their definition (deployed without a tenant: the platform's) and their tenant (the account), whatever
 * the history level writes beyond the process instance itself.
 */
@Component
class EngineHistoryRetention implements HistoryRetention {

    private final JdbcClient jdbc;
    private final HistoryService history;

    EngineHistoryRetention(JdbcClient jdbc, HistoryService history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    @Override
    public Period of(AccountId account) {
        return jdbc.sql("select months, removed_before from engine_history_retention where account_id = :account")
                .param("account", account.value())
                .query((rs, n) -> {
                    Integer months = (Integer) rs.getObject(1);
                    Timestamp removed = rs.getTimestamp(2);
                    return new Period(months == null ? DEFAULT_MONTHS : months,
                            removed == null ? null : removed.toInstant(), months != null);
                })
                .optional().orElse(new Period(DEFAULT_MONTHS, null, false));
    }

    @Override
    public Period change(AccountId account, int months, String by) {
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months must be 1 to " + MAX_MONTHS);
        }
        jdbc.sql("""
                        insert into engine_history_retention (account_id, months, updated_at, updated_by)
                        values (:account, :months, now(), :by)
                        on conflict (account_id) do update set months = :months, updated_at = now(), updated_by = :by""")
                .param("account", account.value()).param("months", months).param("by", by).update();
        return of(account);
    }

    @Override
    public List<AccountId> accountsWithHistoryBefore(Instant before) {
        return jdbc.sql(EngineSql.FIND_ACCOUNTS_WITH_PLATFORM_HISTORY).param("before", Timestamp.from(before))
                .query(String.class).list().stream()
                .flatMap(tenant -> {
                    try {
                        return java.util.stream.Stream.of(new AccountId(UUID.fromString(tenant)));
                    } catch (IllegalArgumentException notAnAccount) {
                        return java.util.stream.Stream.empty();
                    }
                })
                .toList();
    }

    private record Expired(String id, String process) {
    }

    @Override
    public Removal removeEndedBefore(AccountId account, Instant before, int limit) {
        List<Expired> expired = jdbc.sql(EngineSql.FIND_EXPIRED_PLATFORM_INSTANCES)
                .param("account", account.toString()).param("before", Timestamp.from(before)).param("limit", limit)
                .query((rs, n) -> new Expired(rs.getString("id"), rs.getString("process"))).list();
        List<String> ids = expired.stream().map(Expired::id).toList();
        Map<String, Integer> byProcess = new TreeMap<>();
        expired.forEach(instance -> byProcess.merge(instance.process(), 1, Integer::sum));
        if (!ids.isEmpty()) {
            history.deleteHistoricProcessInstancesBulk(ids);
        }
        jdbc.sql("""
                        insert into engine_history_retention (account_id, removed_before) values (:account, :before)
                        on conflict (account_id) do update set removed_before =
                            greatest(engine_history_retention.removed_before, :before)""")
                .param("account", account.value()).param("before", Timestamp.from(before)).update();
        return new Removal(ids.size(), byProcess);
    }
}
