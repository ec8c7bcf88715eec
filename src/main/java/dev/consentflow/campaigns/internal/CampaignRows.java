package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.CampaignState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The campaign rows: created as DRAFT, SENDING once sent (PAUSED while its bounce or complaint rate is over the
 * account's thresholds, until the marketer resumes it), SENT with the final ledger when it closed.
 */
@Component
class CampaignRows {

    record Campaign(UUID id, UUID accountId, String name, UUID listId, String listKey, UUID templateId,
                    CampaignState status, Long audience, Instant createdAt, Instant sendAt, Instant closedAt,
                    Long sent, Long failed, Long suppressed, Long expired, Long unknown, String pauseReason,
                    Instant resumedAt, Instant scheduledFor) {
    }

    private final JdbcClient jdbc;

    CampaignRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(Campaign c) {
        jdbc.sql("""
                        insert into campaigns_campaign (id, account_id, name, list_id, list_key, template_id, status,
                                                        created_at)
                        values (:id, :account, :name, :listId, :listKey, :templateId, 'DRAFT', :createdAt)
                        """)
                .param("id", c.id()).param("account", c.accountId()).param("name", c.name())
                .param("listId", c.listId()).param("listKey", c.listKey()).param("templateId", c.templateId())
                .param("createdAt", Timestamp.from(c.createdAt())).update();
    }

    Optional<Campaign> find(AccountId account, UUID id) {
        return jdbc.sql("select * from campaigns_campaign where account_id = :account and id = :id")
                .param("account", account.value()).param("id", id).query(CampaignRows::campaign).optional();
    }

    /** The account's campaigns newest first, after {@code before} (the previous page's last) when it is given. */
    List<Campaign> page(AccountId account, Campaign before, int limit) {
        if (before == null) {
            return jdbc.sql("""
                            select * from campaigns_campaign where account_id = :account
                             order by created_at desc, id desc limit :limit
                            """)
                    .param("account", account.value()).param("limit", limit).query(CampaignRows::campaign).list();
        }
        return jdbc.sql("""
                        select * from campaigns_campaign
                         where account_id = :account and (created_at, id) < (:createdAt, :id)
                         order by created_at desc, id desc limit :limit
                        """)
                .param("account", account.value()).param("createdAt", Timestamp.from(before.createdAt()))
                .param("id", before.id()).param("limit", limit).query(CampaignRows::campaign).list();
    }

    /** DRAFT to SENDING, once: answers false when the campaign is not a draft (any more). */
    boolean markSending(AccountId account, UUID id, Instant now) {
        return jdbc.sql("""
                        update campaigns_campaign set status = 'SENDING', send_at = :now
                         where account_id = :account and id = :id and status = 'DRAFT'
                        """)
                .param("account", account.value()).param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    /** A DRAFT's time to be sent, or none; answers false when the campaign is not a draft (any more). */
    boolean schedule(AccountId account, UUID id, Instant at) {
        return jdbc.sql("""
                        update campaigns_campaign set scheduled_for = :at
                         where account_id = :account and id = :id and status = 'DRAFT'
                        """)
                .param("account", account.value()).param("id", id).param("at", at == null ? null : Timestamp.from(at))
                .update() == 1;
    }

    /** DRAFTs whose scheduled time has come, oldest first. */
    List<Campaign> due(Instant now, int limit) {
        return jdbc.sql("""
                        select * from campaigns_campaign
                         where status = 'DRAFT' and scheduled_for <= :now
                         order by scheduled_for limit :limit
                        """)
                .param("now", Timestamp.from(now)).param("limit", limit).query(CampaignRows::campaign).list();
    }

    void setAudience(UUID id, long audience) {
        jdbc.sql("update campaigns_campaign set audience = :audience where id = :id and audience is null")
                .param("audience", audience).param("id", id).update();
    }

    void close(UUID id, Instant now, long sent, long failed, long suppressed, long expired, long unknown) {
        jdbc.sql("""
                        update campaigns_campaign
                           set status = 'SENT', closed_at = :now, sent = :sent, failed = :failed,
                               suppressed = :suppressed, expired = :expired, unknown = :unknown
                         where id = :id and status in ('SENDING', 'PAUSED')
                        """)
                .param("now", Timestamp.from(now)).param("sent", sent).param("failed", failed)
                .param("suppressed", suppressed).param("expired", expired).param("unknown", unknown)
                .param("id", id).update();
    }

    /** SENDING to PAUSED, once per campaign: never again after the marketer resumed it. */
    boolean markPaused(UUID id, Instant now, String reason) {
        return jdbc.sql("""
                        update campaigns_campaign set status = 'PAUSED', paused_at = :now, pause_reason = :reason
                         where id = :id and status = 'SENDING' and resumed_at is null
                        """)
                .param("id", id).param("now", Timestamp.from(now)).param("reason", reason).update() == 1;
    }

    /** PAUSED to SENDING; answers false when the campaign was not paused. */
    boolean markResumed(AccountId account, UUID id, Instant now) {
        return jdbc.sql("""
                        update campaigns_campaign set status = 'SENDING', resumed_at = :now
                         where account_id = :account and id = :id and status = 'PAUSED'
                        """)
                .param("account", account.value()).param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    private static Campaign campaign(ResultSet rs, int row) throws SQLException {
        return new Campaign(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("name"), rs.getObject("list_id", UUID.class), rs.getString("list_key"),
                rs.getObject("template_id", UUID.class), CampaignState.valueOf(rs.getString("status")),
                rs.getObject("audience", Long.class), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("send_at")), instant(rs.getTimestamp("closed_at")),
                rs.getObject("sent", Long.class), rs.getObject("failed", Long.class),
                rs.getObject("suppressed", Long.class), rs.getObject("expired", Long.class),
                rs.getObject("unknown", Long.class), rs.getString("pause_reason"),
                instant(rs.getTimestamp("resumed_at")), instant(rs.getTimestamp("scheduled_for")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
