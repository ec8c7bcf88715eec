package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account's thresholds at which a campaign pauses itself: its hard-bounce rate over {@code hardBounceRate} or
 * its complaint rate over {@code complaintRate}, counted once it has handed {@link #MIN_MESSAGES} messages (or
 * a tenth of its audience, whichever is smaller) to the relay. Defaults: 5 % and 0.1 %.
 */
@Component
class DeliverabilitySettings {

    static final double DEFAULT_HARD_BOUNCE_RATE = 0.05;
    static final double DEFAULT_COMPLAINT_RATE = 0.001;
    static final long MIN_MESSAGES = 1_000;

    record Thresholds(double hardBounceRate, double complaintRate, Instant updatedAt, String updatedBy) {
    }

    private final JdbcClient jdbc;

    DeliverabilitySettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Thresholds of(AccountId account) {
        return jdbc.sql("""
                        select hard_bounce_rate, complaint_rate, updated_at, updated_by
                          from campaigns_deliverability_settings where account_id = :account
                        """)
                .param("account", account.value())
                .query((rs, n) -> new Thresholds(rs.getDouble("hard_bounce_rate"), rs.getDouble("complaint_rate"),
                        rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
                .optional()
                .orElse(new Thresholds(DEFAULT_HARD_BOUNCE_RATE, DEFAULT_COMPLAINT_RATE, null, null));
    }

    Thresholds change(AccountId account, double hardBounceRate, double complaintRate, String actor) {
        jdbc.sql("""
                        insert into campaigns_deliverability_settings
                               (account_id, hard_bounce_rate, complaint_rate, updated_at, updated_by)
                        values (:account, :hard, :complaint, :now, :actor)
                        on conflict (account_id) do update
                           set hard_bounce_rate = excluded.hard_bounce_rate, complaint_rate = excluded.complaint_rate,
                               updated_at = excluded.updated_at, updated_by = excluded.updated_by
                        """)
                .param("account", account.value()).param("hard", BigDecimal.valueOf(hardBounceRate))
                .param("complaint", BigDecimal.valueOf(complaintRate)).param("now", Timestamp.from(Instant.now()))
                .param("actor", actor).update();
        return of(account);
    }

    /** After how many handed messages the rates count: 1,000, or a tenth of the audience if that is smaller. */
    static long minimumMessages(long audience) {
        return Math.max(1, Math.min(MIN_MESSAGES, (audience + 9) / 10));
    }
}
