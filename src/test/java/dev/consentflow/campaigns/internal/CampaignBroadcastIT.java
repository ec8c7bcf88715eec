package dev.consentflow.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.Campaigns.CampaignStatus;
import dev.consentflow.campaigns.Campaigns.Moment;
import dev.consentflow.campaigns.Campaigns.Statistics;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscriptions;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The broadcast's steps on the real database, called directly (no process): restarting them never freezes or
 * enqueues anybody twice, and someone who left between the freeze and the enqueue is not mailed but accounted.
 */
@IntegrationTest
class CampaignBroadcastIT {

    @LocalServerPort
    int port;
    @Autowired
    CampaignBroadcast broadcast;
    @Autowired
    CampaignDesk desk;
    @Autowired
    CampaignLedgers ledgers;
    @Autowired
    CampaignRows campaigns;
    @Autowired
    Unsubscriptions unsubscriptions;
    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Recipients recipients;
    @Autowired
    CampaignCharts charts;

    @Test
    void repeatedStepsEnqueueEachRecipientOnceAndTheLedgerAccountsForEveryone() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        AccountId account = AccountId.of(TestAccounts.accountId(admin));
        assertThat(admin.post("/api/lists", Map.of("key", "news", "name", "News")).status()).isEqualTo(201);
        List<SubscriptionId> subscriptions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var answer = admin.post("/api/subscriptions", Map.of("email", "b" + i + "-" + UUID.randomUUID()
                    + "@example.dk", "list", "news", "confirmed", true, "ip", "203.0.113.5",
                    "at", Instant.now().minusSeconds(5).toString()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            subscriptions.add(new SubscriptionId(UUID.fromString(answer.json().get("subscriptionId").asText())));
        }
        assertThat(admin.post("/api/templates", Map.of("key", "t", "subject", "Hi {{firstName}}",
                "html", "<p>Hi</p>", "text", "Hi")).status()).isEqualTo(201);
        UUID campaign = desk.create(account, "Restart", "news", "t");

        broadcast.freezeAudience(account, campaign);
        broadcast.freezeAudience(account, campaign);
        assertThat(frozen(campaign)).isEqualTo(5);

        unsubscriptions.unsubscribe(account, new Unsubscribe(subscriptions.get(3), UnsubscribeScope.LIST,
                UnsubscribeChannel.API, Instant.now(), null, null));
        int runs = 0;
        while (!broadcast.enqueueMessages(account, campaign)) {
            runs++;
            assertThat(runs).as("page size 2, one page per run").isLessThan(5);
        }
        assertThat(broadcast.enqueueMessages(account, campaign)).isTrue();
        assertThat(dispatch.ledger(campaign.toString()).audience()).as("one message each, the leaver none")
                .isEqualTo(4);
        assertThat(jdbc.sql("select count(distinct message_id) from campaigns_recipient where campaign_id = ?")
                .param(campaign).query(Long.class).single()).isEqualTo(4);

        // Read as a sending campaign is (this one was never sent through the API, so it is still a draft).
        CampaignStatus status = ledgers.live(campaigns.find(account, campaign).orElseThrow(), "t");
        assertThat(status.audience()).isEqualTo(5);
        assertThat(status.suppressed()).as("the leaver, accounted").isGreaterThanOrEqualTo(1);
        assertThat(status.queued() + status.sent() + status.failed() + status.suppressed() + status.expired()
                + status.unknown()).isEqualTo(status.audience());

        // Opens and clicks (a second open, a click after an open, a click without an open): the counts the
        // recipients' triggers keep equal a count of the rows, and so does the skipped leaver.
        List<Recipients.Tracked> mailed = jdbc.sql("""
                        select subscription_id, subscriber_id from campaigns_recipient
                         where campaign_id = ? and message_id is not null order by subscription_id
                        """)
                .param(campaign)
                .query((rs, row) -> new Recipients.Tracked(campaign, rs.getObject("subscription_id", UUID.class),
                        rs.getObject("subscriber_id", UUID.class), account.value()))
                .list();
        assertEngagementIsAFreshCount(account, campaign, 0, 0, 1);
        recipients.opened(mailed.get(0), Instant.now(), false);
        recipients.opened(mailed.get(0), Instant.now(), false);
        recipients.opened(mailed.get(1), Instant.now(), false);
        recipients.opened(mailed.get(1), Instant.now(), true);
        recipients.opened(mailed.get(2), Instant.now(), true);
        recipients.opened(mailed.get(2), Instant.now(), true);
        assertEngagementIsAFreshCount(account, campaign, 3, 2, 1);
    }

    @Test
    void anOlderCampaignsDailyStatisticsCountTheReadersDaysWithTwentyThreeHoursWhenTheClocksGoForward() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        AccountId account = AccountId.of(TestAccounts.accountId(admin));
        assertThat(admin.post("/api/lists", Map.of("key", "days", "name", "Days")).status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(admin.post("/api/subscriptions", Map.of("email", "d" + i + "-" + UUID.randomUUID()
                    + "@example.dk", "list", "days", "confirmed", true, "ip", "203.0.113.5",
                    "at", Instant.now().minusSeconds(5).toString())).status()).isEqualTo(201);
        }
        assertThat(admin.post("/api/templates", Map.of("key", "d", "subject", "Hi", "html", "<p>Hi</p>",
                "text", "Hi")).status()).isEqualTo(201);
        UUID campaign = desk.create(account, "Days", "days", "d");
        broadcast.freezeAudience(account, campaign);
        // Sent weeks ago, so it counts in days. Copenhagen moved its clocks forward on 2026-03-29 (CET to CEST).
        jdbc.sql("update campaigns_campaign set send_at = '2026-03-20T10:00:00Z' where id = ?").param(campaign)
                .update();
        List<String> opens = List.of("2026-03-28T22:30:00Z", "2026-03-28T23:30:00Z", "2026-03-29T22:30:00Z");
        List<UUID> audience = jdbc.sql("select subscription_id from campaigns_recipient where campaign_id = ? "
                + "order by subscription_id").param(campaign).query(UUID.class).list();
        for (int i = 0; i < 3; i++) {
            jdbc.sql("update campaigns_recipient set opened_at = cast(:at as timestamptz) "
                            + "where campaign_id = :campaign and subscription_id = :subscription")
                    .param("at", opens.get(i)).param("campaign", campaign).param("subscription", audience.get(i))
                    .update();
        }
        jdbc.sql("insert into campaigns_click (campaign_id, position, at) values (?, 0, '2026-03-29T21:30:00Z')")
                .param(campaign).update();
        Campaign sent = campaigns.find(account, campaign).orElseThrow();

        Statistics copenhagen = charts.of(sent, ZoneId.of("Europe/Copenhagen"));
        assertThat(copenhagen.bucket()).isEqualTo("day");
        assertThat(copenhagen.timeline()).containsExactly(
                new Moment(Instant.parse("2026-03-27T23:00:00Z"), 1, 0, 0, 0),
                new Moment(Instant.parse("2026-03-28T23:00:00Z"), 1, 1, 0, 0),
                new Moment(Instant.parse("2026-03-29T22:00:00Z"), 1, 0, 0, 0));
        assertThat(Duration.between(copenhagen.timeline().get(1).at(), copenhagen.timeline().get(2).at()))
                .as("the day the clocks went forward").isEqualTo(Duration.ofHours(23));

        Statistics kolkata = charts.of(sent, ZoneId.of("Asia/Kolkata"));
        assertThat(kolkata.timeline()).extracting(Moment::at).as("midnight at +05:30")
                .containsExactly(Instant.parse("2026-03-28T18:30:00Z"), Instant.parse("2026-03-29T18:30:00Z"));

        JsonNode utc = admin.get("/api/campaigns/" + campaign + "/statistics").json();
        assertThat(utc.get("timeline").findValuesAsText("at")).as("the API's days are UTC days")
                .containsExactly("2026-03-28T00:00:00Z", "2026-03-29T00:00:00Z");
        assertThat(utc.get("timeline").findValuesAsText("opens")).containsExactly("2", "1");
    }

    private void assertEngagementIsAFreshCount(AccountId account, UUID campaign, long opened, long clicked,
                                               long skipped) {
        Map<String, Object> counted = jdbc.sql("""
                        select count(opened_at) as opened, count(clicked_at) as clicked,
                               count(*) filter (where skipped) as skipped
                          from campaigns_recipient where campaign_id = ?
                        """)
                .param(campaign).query().singleRow();
        assertThat(List.of(opened, clicked, skipped)).as("the expected counts are the rows' counts")
                .isEqualTo(List.of(((Number) counted.get("opened")).longValue(),
                        ((Number) counted.get("clicked")).longValue(), ((Number) counted.get("skipped")).longValue()));
        CampaignStatus status = ledgers.live(campaigns.find(account, campaign).orElseThrow(), "t");
        assertThat(List.of(status.opened(), status.clicked())).isEqualTo(List.of(opened, clicked));
        assertThat(recipients.skippedCount(campaign)).isEqualTo(skipped);
    }

    private long frozen(UUID campaign) {
        return jdbc.sql("select count(*) from campaigns_recipient where campaign_id = ?").param(campaign)
                .query(Long.class).single();
    }
}
