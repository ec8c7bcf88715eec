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

    void enqueued(UUID campaign, SubscriptionId subscription, UUID messageId) {
        jdbc.sql("""
                        update campaigns_recipient set message_id = :message
                         where campaign_id = :campaign and subscription_id = :id
                        """)
                .param("message", messageId).param("campaign", campaign).param("id", subscription.value()).update();
    }

    void skipped(UUID campaign, SubscriptionId subscription) {
        jdbc.sql("""
                        update campaigns_recipient set skipped = true
                         where campaign_id = :campaign and subscription_id = :id
                        """)
                .param("campaign", campaign).param("id", subscription.value()).update();
    }

    long skippedCount(UUID campaign) {
        return jdbc.sql("select count(*) from campaigns_recipient where campaign_id = :campaign and skipped")
                .param("campaign", campaign).query(Long.class).single();
    }
}
