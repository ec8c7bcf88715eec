package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger retention on the whole server: a campaign final for longer than the period (30 days by default) loses its
 * outbox rows and answers exactly as before; opens and bounces that come afterwards still count; single messages
 * leave after the same period and stay in the person's history; a late bounce or complaint about a removed message
 * still reaches its subscription, and one about an erased person's removed message is taken without effect. Time
 * moves by ageing the test's own rows (the campaign closed, its messages ended, so many days ago), so other tests'
 * rows on the shared database are not touched.
 */
@IntegrationTest
class DispatchLedgerRetentionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern OPEN_PIXEL = Pattern.compile("(/t/o/[A-Za-z0-9_-]{22})");

    @LocalServerPort
    int port;
    @Autowired
    LedgerRetention retention;
    @Autowired
    BounceReader reader;
    @Autowired
    ReturnPaths returnPaths;
    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    Api admin;
    AccountId account;
    String suffix;

    @BeforeEach
    void anAccountWithATrackedListAndATemplate() {
        admin = TestAccounts.newAccount(Api.at(port).as(Api.ADMIN_KEY));
        account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        suffix = UUID.randomUUID().toString().substring(0, 8);
        Answer list = admin.post("/api/lists", Map.of("key", "news-" + suffix, "name", "News", "tracking", true));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        Answer template = admin.post("/api/templates", Map.of("key", "t-" + suffix, "subject", "Ledger " + suffix,
                "html", "<p>Hello <a href=\"https://shop.example/ledger\">shop</a></p>", "text", "Hello"));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
    }

    @Test
    void aFinalCampaignAnswersTheSameAfterItsMessagesLeaveTheOutboxAndLaterOpensAndBouncesStillCount()
            throws Exception {
        Answer thresholds = admin.put("/api/deliverability-settings", Map.of("hardBounceRate", 1, "complaintRate", 1));
        assertThat(thresholds.status()).as("no pause: a quarter of four refused").isEqualTo(200);
        Person anna = person("anna." + suffix + "@example.dk");
        Person bo = person("bo." + suffix + "@example.dk");
        Person cleo = person("cleo." + suffix + "@example.dk");
        person("søren." + suffix + "@example.dk"); // the relay refuses it (no SMTPUTF8): HARD_FAIL
        String campaign = sendAndAwaitSent();
        UUID boMessage = message(campaign, bo);
        assertThat(feedback(BounceMail.complaint("fbl.mail.example", returnPaths.of(boMessage), boMessage)))
                .isEqualTo(BounceReader.Outcome.RECORDED);
        await().atMost(PATIENCE).until(() -> status(bo), "UNSUBSCRIBED"::equals);

        age(campaign, 29);
        retention.removeFinal(Instant.now());
        assertThat(outboxRows(campaign)).as("final for 29 days: kept").isEqualTo(4);

        age(campaign, 2);
        JsonNode before = admin.get("/api/campaigns/" + campaign).json();
        JsonNode listBefore = admin.get("/api/campaigns").json();
        JsonNode statisticsBefore = admin.get("/api/campaigns/" + campaign + "/statistics").json();
        Ledger ledgerBefore = dispatch.ledger(campaign);
        assertThat(before.get("sent").asLong()).as(before.toString()).isEqualTo(3);
        assertThat(before.get("failed").asLong()).isEqualTo(1);
        assertThat(before.get("bounced").asLong()).isEqualTo(1);
        assertThat(before.get("complained").asLong()).isEqualTo(1);
        assertThat(before.get("unsubscribed").asLong()).isEqualTo(1);
        assertThat(before.get("deliverability").get("handed").asLong()).isEqualTo(4);

        retention.removeFinal(Instant.now());

        assertThat(outboxRows(campaign)).isZero();
        assertThat(admin.get("/api/campaigns/" + campaign).json()).isEqualTo(before);
        assertThat(admin.get("/api/campaigns").json()).isEqualTo(listBefore);
        assertThat(admin.get("/api/campaigns/" + campaign + "/statistics").json()).isEqualTo(statisticsBefore);
        assertThat(dispatch.ledger(campaign)).isEqualTo(ledgerBefore);
        List<JsonNode> applied = retentionApplied();
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).get("detail").get("what").asText()).isEqualTo("dispatchLedger");
        assertThat(applied.get(0).get("detail").get("campaign").asText()).isEqualTo(campaign);
        assertThat(applied.get(0).get("detail").get("removed").asLong()).isEqualTo(4);
        assertThat(applied.get(0).get("actor").asText()).isEqualTo("system:retention");
        assertThat(dispatchEntries(anna)).as("the person's history keeps the mail")
                .filteredOn(e -> campaign.equals(e.get("detail").path("campaign").asText())).hasSize(1);
        retention.removeFinal(Instant.now());
        assertThat(retentionApplied()).as("nothing more removed, nothing more audited").hasSize(1);

        assertThat(Api.at(port).get(openPixel(anna)).status()).isEqualTo(200);
        UUID cleoMessage = message(campaign, cleo);
        assertThat(feedback(BounceMail.dsn(returnPaths.of(cleoMessage), cleoMessage, "failed", "5.1.1",
                "550 5.1.1 user unknown"))).as("a bounce weeks later, about a removed message")
                .isEqualTo(BounceReader.Outcome.RECORDED);
        await().atMost(PATIENCE).until(() -> status(cleo), "BOUNCED"::equals);
        JsonNode after = admin.get("/api/campaigns/" + campaign).json();
        assertThat(after.get("opened").asLong()).as(after.toString()).isEqualTo(before.get("opened").asLong() + 1);
        assertThat(after.get("bounced").asLong()).isEqualTo(2);
        assertThat(after.get("deliverability").get("hardBounces").asLong()).isEqualTo(2);
        for (String field : List.of("status", "audience", "queued", "sent", "failed", "suppressed", "expired",
                "unknown", "complained")) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(after.get("deliverability").get("handed")).isEqualTo(before.get("deliverability").get("handed"));
    }

    @Test
    void aBatchWithAMessageOnItsWayIsKeptThoughTheBatchIndexLeavesSendingRowsOut() {
        String batch = "kept-" + suffix;
        for (String state : List.of("QUEUED", "SENDING", "SENT", "HARD_FAIL")) {
            jdbc.sql("""
                            insert into dispatch_outbox (id, account_id, subscriber_id, channel, purpose, batch_id,
                                                         key_version, state)
                            values (:id, :account, :subscriber, 'EMAIL', 'CAMPAIGN', :batch, 1, :state)""")
                    .param("id", UUID.randomUUID()).param("account", account.value())
                    .param("subscriber", UUID.randomUUID()).param("batch", batch).param("state", state).update();
        }
        String retired = dev.consentflow.NamedSql.read("dispatch", "retired-batch");
        assertThat(jdbc.sql(retired).param("batchId", batch).query().singleRow().get("kept")).isEqualTo(4L);
        jdbc.sql("delete from dispatch_outbox where batch_id = :b and state <> 'SENDING'").param("b", batch).update();
        assertThat(jdbc.sql(retired).param("batchId", batch).query().singleRow().get("kept"))
                .as("the one SENDING message, which dispatch_outbox_batch does not index (V335)").isEqualTo(1L);
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = 'dispatch_outbox_batch'")
                .query(String.class).single()).doesNotContain("'SENDING'").contains("'QUEUED'", "'UNKNOWN'");
        jdbc.sql("delete from dispatch_outbox where batch_id = :b").param("b", batch).update();
    }

    @Test
    void singleMessagesLeaveAfterThePeriodStayInThePersonsHistoryAndALateComplaintStillCounts() throws Exception {
        Person dora = person("dora." + suffix + "@example.dk");
        UUID old = automationMail(dora);
        UUID recent = automationMail(dora);
        jdbc.sql("update dispatch_outbox set finished_at = now() - interval '31 days' where id = :id")
                .param("id", old).update();

        retention.removeFinal(Instant.now());

        assertThat(jdbc.sql("select id from dispatch_outbox where id in (:ids)").param("ids", List.of(old, recent))
                .query(UUID.class).list()).containsExactly(recent);
        assertThat(dispatch.state(account, old)).as("from the person's history").contains(MessageState.SENT);
        assertThat(dispatchEntries(dora)).extracting(e -> e.get("detail").get("messageId").asText())
                .contains(old.toString(), recent.toString());
        List<JsonNode> applied = retentionApplied();
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).get("detail").get("what").asText()).isEqualTo("dispatchMessages");
        assertThat(applied.get(0).get("detail").get("removed").asLong()).isEqualTo(1);

        assertThat(feedback(BounceMail.complaint("fbl.mail.example", returnPaths.of(old), old)))
                .isEqualTo(BounceReader.Outcome.RECORDED);
        await().atMost(PATIENCE).until(() -> status(dora), "UNSUBSCRIBED"::equals);
        assertThat(jdbc.sql("select count(*) from dispatch_feedback where message_id = :id and kind = 'COMPLAINT'")
                .param("id", old).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBounceAboutAnErasedPersonsRemovedMessageIsTakenWithoutEffect() throws Exception {
        Person erik = person("erik." + suffix + "@example.dk");
        UUID mail = automationMail(erik);
        Answer erase = admin.post("/api/contacts/" + erik.subscriberId() + "/erase", Map.of("reason", "asked"));
        assertThat(erase.status()).as(erase.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> admin.get("/api/contacts/" + erik.subscriberId()).json()
                .get("permission").asText(), "DELETED"::equals);
        jdbc.sql("update dispatch_outbox set finished_at = now() - interval '31 days' where id = :id")
                .param("id", mail).update();
        retention.removeFinal(Instant.now());
        assertThat(dispatch.state(account, mail)).as("in neither the outbox nor a history").isEmpty();

        assertThat(feedback(BounceMail.dsn(returnPaths.of(mail), mail, "failed", "5.1.1", "550 5.1.1 unknown")))
                .as("taken (deleted from the mailbox), with nothing to record").isEqualTo(BounceReader.Outcome.REPEATED);
        assertThat(jdbc.sql("select count(*) from dispatch_feedback where message_id = :id").param("id", mail)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theDailyRunRunsOnceInTwelveHoursOnAnyNodeAndReportsItsLastRunAtHealth() {
        retention.daily();
        JsonNode run = jobHealth();
        assertThat(run.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("summary").asText()).matches("campaigns=\\d+ campaignMessages=\\d+ singleMessages=\\d+");
        assertThat(run.get("runningOn").isNull()).isTrue();

        retention.daily();
        assertThat(jobHealth().get("runs").asLong()).as("fired again within 12 hours: not run again")
                .isEqualTo(run.get("runs").asLong());
    }

    // --- helpers

    record Person(String email, UUID subscriberId, UUID subscriptionId) {
    }

    private Person person(String email) {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", "news-" + suffix,
                "confirmed", true, "ip", "203.0.113.61", "at", Instant.now().minusSeconds(60).toString()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        return new Person(email, UUID.fromString(subscribed.json().get("subscriberId").asText()),
                UUID.fromString(subscribed.json().get("subscriptionId").asText()));
    }

    private String sendAndAwaitSent() {
        Answer created = admin.post("/api/campaigns", Map.of("name", "November " + suffix, "list", "news-" + suffix,
                "template", "t-" + suffix));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(admin.post("/api/campaigns/" + id + "/send", Map.of()).status()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/campaigns/" + id).json(), s -> "SENT".equals(s.get("status").asText()));
        return id;
    }

    /** An automation flow's mail to the person (a single message, no batch), sent. */
    private UUID automationMail(Person person) {
        UUID id = transactions.execute(status -> dispatch.enqueue(new OutboundMessage(account, person.subscriberId(),
                person.subscriptionId(), Channel.EMAIL, Purpose.AUTOMATION, null,
                new OutboundMessage.Content("Automation " + suffix, "Hello", null), "https://consentflow.test/u/x",
                null)));
        await().atMost(PATIENCE).until(() -> dispatch.state(account, id).orElseThrow() == MessageState.SENT);
        return id;
    }

    /** The campaign closed, and its messages ended, {@code days} earlier than they did. */
    private void age(String campaign, int days) {
        jdbc.sql("""
                        update campaigns_campaign
                           set send_at = send_at - make_interval(days => :days),
                               closed_at = closed_at - make_interval(days => :days)
                         where id = cast(:id as uuid)""")
                .param("days", days).param("id", campaign).update();
        jdbc.sql("""
                        update dispatch_outbox
                           set created_at = created_at - make_interval(days => :days),
                               finished_at = finished_at - make_interval(days => :days)
                         where batch_id = :id""")
                .param("days", days).param("id", campaign).update();
    }

    private long outboxRows(String campaign) {
        return jdbc.sql("select count(*) from dispatch_outbox where batch_id = :b").param("b", campaign)
                .query(Long.class).single();
    }

    private UUID message(String campaign, Person person) {
        return jdbc.sql("select message_id from dispatch_delivery where batch_id = :b and subscriber_id = :s")
                .param("b", campaign).param("s", person.subscriberId()).query(UUID.class).single();
    }

    private String openPixel(Person person) {
        String html = DevMailbox.parts(DevMailbox.of(Api.at(port)).awaitMail(person.email(), "Ledger " + suffix)).html();
        Matcher pixel = OPEN_PIXEL.matcher(html);
        assertThat(pixel.find()).as(html).isTrue();
        return pixel.group(1);
    }

    /** What the bounce mailbox reader does with one report that arrived (its effect, committed). */
    private BounceReader.Outcome feedback(String raw) throws Exception {
        return reader.settle(BounceMail.parse(raw));
    }

    private String status(Person person) {
        JsonNode card = admin.get("/api/contacts/" + person.subscriberId()).json();
        return StreamSupport.stream(card.get("subscriptions").spliterator(), false)
                .filter(s -> s.get("list").asText().equals("news-" + suffix))
                .map(s -> s.get("status").asText()).findFirst().orElseThrow();
    }

    private JsonNode jobHealth() {
        Answer health = Api.at(port).get("/actuator/health/jobs");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        return health.json().get("components").get("scheduledJobs").get("details").get(LedgerRetention.JOB);
    }

    private List<JsonNode> retentionApplied() {
        return StreamSupport.stream(admin.get("/api/audit?action=RETENTION_APPLIED").json().spliterator(), false)
                .toList();
    }

    private List<JsonNode> dispatchEntries(Person person) {
        return StreamSupport.stream(admin.get("/api/contacts/" + person.subscriberId() + "/audit").json()
                        .spliterator(), false)
                .filter(e -> "dispatch".equals(e.path("source").asText())).toList();
    }
}
