package dev.consentflow.campaigns.internal;

import dev.consentflow.contacts.SubscriptionId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A campaign's frozen audience ({@code campaigns_recipient}): ids only, and what became of each. */
@Component
class Recipients {

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last frozen subscription id, to resume a freeze that was interrupted. */
    Optional<SubscriptionId> lastFrozen(UUID campaign) {
        return jdbc.sql("""
                        select subscription_id from campaigns_recipient where campaign_id = :campaign
                         order by subscription_id desc limit 1
                        """)
                .param("campaign", campaign).query(UUID.class).optional().map(SubscriptionId::new);
    }

    void freeze(UUID campaign, List<SubscriptionId> subscriptions) {
        if (subscriptions.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into campaigns_recipient (campaign_id, subscription_id)
                        select :campaign, unnest(array[:ids]::uuid[])
                        on conflict do nothing
                        """)
                .param("campaign", campaign)
                .param("ids", subscriptions.stream().map(SubscriptionId::value).toList()).update();
    }

    long count(UUID campaign) {
        return jdbc.sql("select count(*) from campaigns_recipient where campaign_id = :campaign")
                .param("campaign", campaign).query(Long.class).single();
    }

    /**
     * The next page of recipients neither enqueued nor skipped, locked until the transaction ends; rows another
     * job holds are passed over, so two runs of one campaign never enqueue a person twice.
     */
    List<SubscriptionId> lockPending(UUID campaign, int limit) {
        return jdbc.sql("""
                        select subscription_id from campaigns_recipient
                         where campaign_id = :campaign and message_id is null and not skipped
                         order by subscription_id limit :limit for update skip locked
                        """)
                .param("campaign", campaign).param("limit", limit).query(UUID.class).list()
                .stream().map(SubscriptionId::new).toList();
    }

    boolean anyPending(UUID campaign) {
        return jdbc.sql("""
                        select exists (select 1 from campaigns_recipient
                                        where campaign_id = :campaign and message_id is null and not skipped)
                        """)
                .param("campaign", campaign).query(Boolean.class).single();
    }

    /** A recipient's message, as {@link #enqueuedAll} records it. */
    record Enqueued(SubscriptionId subscription, UUID messageId, UUID subscriberId, byte[] trackingHash) {
    }

    /** Each recipient's message and tracking token (hashed), for a whole page of recipients in one statement. */
    void enqueuedAll(UUID campaign, List<Enqueued> page) {
        if (page.isEmpty()) {
            return;
        }
        List<Object> params = new java.util.ArrayList<>(page.size() * 4 + 1);
        StringBuilder values = new StringBuilder();
        for (Enqueued e : page) {
            values.append(values.isEmpty() ? "" : ", ")
                    .append("(cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as bytea))");
            params.add(e.subscription().value());
            params.add(e.messageId());
            params.add(e.subscriberId());
            params.add(e.trackingHash());
        }
        params.add(campaign);
        jdbc.sql("""
                        update campaigns_recipient r
                           set message_id = v.message, subscriber_id = v.subscriber, tracking_hash = v.hash
                          from (values VALUES_ROWS) as v (subscription, message, subscriber, hash)
                         where r.subscription_id = v.subscription and r.campaign_id = ?
                        """.replace("VALUES_ROWS", values))
                .params(params).update();
    }

    /** The recipient a tracking token was given to, with the campaign's account. */
    Optional<Tracked> tracked(byte[] trackingHash) {
        return jdbc.sql("""
                        select r.campaign_id, r.subscription_id, r.subscriber_id, c.account_id
                          from campaigns_recipient r join campaigns_campaign c on c.id = r.campaign_id
                         where r.tracking_hash = :hash
                        """)
                .param("hash", trackingHash)
                .query((rs, row) -> new Tracked(rs.getObject("campaign_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class), rs.getObject("subscriber_id", UUID.class),
                        rs.getObject("account_id", UUID.class)))
                .optional();
    }

    record Tracked(UUID campaignId, UUID subscriptionId, UUID subscriberId, UUID accountId) {
    }

    /** The first open (and, for a click, the first click) of a recipient; a click counts as an open too. */
    void opened(Tracked t, java.time.Instant at, boolean click) {
        jdbc.sql("""
                        update campaigns_recipient
                           set opened_at = coalesce(opened_at, :at),
                               clicked_at = case when :click then coalesce(clicked_at, :at) else clicked_at end
                         where campaign_id = :campaign and subscription_id = :id
                        """)
                .param("at", java.sql.Timestamp.from(at)).param("click", click)
                .param("campaign", t.campaignId()).param("id", t.subscriptionId()).update();
    }

    /**
     * How many recipients opened and clicked: the counts the recipients' triggers keep (V181), a few rows
     * whatever the campaign's size.
     */
    long[] engagement(UUID campaign) {
        return jdbc.sql("""
                        select coalesce(sum(opened), 0) as opened, coalesce(sum(clicked), 0) as clicked
                          from campaigns_recipient_count where campaign_id = :campaign
                        """)
                .param("campaign", campaign)
                .query((rs, row) -> new long[] {rs.getLong("opened"), rs.getLong("clicked")}).single();
    }

    void skipped(UUID campaign, SubscriptionId subscription) {
        jdbc.sql("""
                        update campaigns_recipient set skipped = true
                         where campaign_id = :campaign and subscription_id = :id
                        """)
                .param("campaign", campaign).param("id", subscription.value()).update();
    }

    /** How many recipients were skipped, from the counts the recipients' triggers keep (V181). */
    long skippedCount(UUID campaign) {
        return jdbc.sql("""
                        select coalesce(sum(skipped), 0) from campaigns_recipient_count
                         where campaign_id = :campaign
                        """)
                .param("campaign", campaign).query(Long.class).single();
    }

    /** How many of these subscriptions were mailed by the campaign. */
    long mailedAmong(UUID campaign, List<SubscriptionId> subscriptions) {
        if (subscriptions.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        select count(*) from campaigns_recipient
                         where campaign_id = :campaign and message_id is not null
                           and subscription_id = any(array[:ids]::uuid[])
                        """)
                .param("campaign", campaign)
                .param("ids", subscriptions.stream().map(SubscriptionId::value).toList())
                .query(Long.class).single();
    }

    /** Which of these subscriptions the campaign mailed. */
    java.util.Set<UUID> mailedOf(UUID campaign, List<SubscriptionId> subscriptions) {
        if (subscriptions.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                        select subscription_id from campaigns_recipient
                         where campaign_id = :campaign and message_id is not null
                           and subscription_id = any(array[:ids]::uuid[])
                        """)
                .param("campaign", campaign)
                .param("ids", subscriptions.stream().map(SubscriptionId::value).toList())
                .query(UUID.class).list());
    }
}
