package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A marketer schedules a campaign and the server sends it when its time comes, once, whatever else happens: a
 * campaign taken off the schedule is never sent, a campaign sent by hand before its time is not sent again, and a
 * time in the past, a sent campaign or another account's campaign are refused.
 */
@IntegrationTest
class CampaignScheduleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * The scheduler looks every second in tests ({@code consentflow.campaigns.schedule-round} in application-test.yml);
     * a quiet while is two of its rounds and the few seconds a mail takes from the send to the mailbox.
     */
    private static final Duration QUIET = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    Api anonymous;
    Api admin;
    String list;
    String template;

    @BeforeEach
    void aListWithOnePersonAndATemplate() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        list = "later-" + suffix;
        template = "later-" + suffix;
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Later News")).status()).isEqualTo(201);
        Answer created = admin.post("/api/templates", Map.of("key", template, "subject", "Scheduled {{firstName}}",
                "html", "<p>Hello {{firstName}}</p>", "text", "Hello {{firstName}}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aScheduledCampaignIsSentOnceWhenItsTimeComesAndNotBefore() {
        String ada = confirmed("Ada");
        String id = campaign();
        Instant at = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);

        Answer scheduled = admin.post("/api/campaigns/" + id + "/schedule", Map.of("at", at.toString()));

        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(Instant.parse(scheduled.json().get("scheduledFor").asText())).isEqualTo(at);
        assertThat(status(id)).isEqualTo("DRAFT");
        assertThat(mails(ada)).as("nothing before its time").isEmpty();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> status(id), "SENT"::equals);
        assertThat(Instant.parse(summary(id).get("sendAt").asText())).as("sent at or after the time it was given")
                .isAfterOrEqualTo(at);
        assertThat(admin.get("/api/campaigns/" + id).json().get("sent").asLong()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> mails(ada).size() == 1);
        quietAfter(at, () -> mails(ada).size() == 1);
    }

    @Test
    void aCampaignTakenOffTheScheduleIsNeverSent() {
        String ada = confirmed("Ada");
        String id = campaign();
        Instant at = Instant.now().plusSeconds(3);
        assertThat(admin.post("/api/campaigns/" + id + "/schedule", Map.of("at", at.toString())).status())
                .isEqualTo(200);

        Map<String, Object> offTheSchedule = new HashMap<>();
        offTheSchedule.put("at", null);
        Answer unscheduled = admin.post("/api/campaigns/" + id + "/schedule", offTheSchedule);

        assertThat(unscheduled.status()).as(unscheduled.body()).isEqualTo(200);
        assertThat(unscheduled.json().get("scheduledFor").isNull()).isTrue();
        quietAfter(at, () -> "DRAFT".equals(status(id)));
        assertThat(mails(ada)).isEmpty();
    }

    @Test
    void aCampaignSentByHandBeforeItsTimeIsNotSentAgainByTheSchedule() {
        String ada = confirmed("Ada");
        String id = campaign();
        Instant at = Instant.now().plusSeconds(3);
        assertThat(admin.post("/api/campaigns/" + id + "/schedule", Map.of("at", at.toString())).status())
                .isEqualTo(200);

        assertThat(admin.post("/api/campaigns/" + id + "/send", Map.of()).status()).isEqualTo(202);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> status(id), "SENT"::equals);
        await().atMost(PATIENCE).until(() -> mails(ada).size() == 1);
        quietAfter(at, () -> mails(ada).size() == 1);
        assertThat(admin.get("/api/campaigns/" + id).json().get("sent").asLong()).isEqualTo(1);
    }

    @Test
    void aTimeInThePastASentCampaignAndAnotherAccountsCampaignAreRefused() {
        confirmed("Ada");
        String id = campaign();

        Answer past = admin.post("/api/campaigns/" + id + "/schedule",
                Map.of("at", Instant.now().minusSeconds(60).toString()));
        Answer notATime = admin.post("/api/campaigns/" + id + "/schedule", Map.of("at", "tomorrow"));
        Answer foreign = TestAccounts.newAccount(anonymous).post("/api/campaigns/" + id + "/schedule",
                Map.of("at", Instant.now().plusSeconds(3600).toString()));

        assertThat(past.status()).as(past.body()).isEqualTo(400);
        assertThat(past.header("Content-Type")).startsWith("application/problem+json");
        assertThat(notATime.status()).as(notATime.body()).isEqualTo(400);
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(status(id)).isEqualTo("DRAFT");
        assertThat(summary(id).get("scheduledFor").isNull())
                .as("nothing written by the refused requests").isTrue();

        assertThat(admin.post("/api/campaigns/" + id + "/send", Map.of()).status()).isEqualTo(202);
        Answer afterSending = admin.post("/api/campaigns/" + id + "/schedule",
                Map.of("at", Instant.now().plusSeconds(3600).toString()));
        assertThat(afterSending.status()).as(afterSending.body()).isEqualTo(409);
    }

    /** The condition holds all the while from now until a quiet while after the given time (or now, if later). */
    private static void quietAfter(Instant at, Callable<Boolean> condition) {
        Duration quiet = Duration.between(Instant.now(), at).plus(QUIET);
        if (quiet.compareTo(QUIET) < 0) {
            quiet = QUIET;
        }
        await().during(quiet).atMost(quiet.plusSeconds(5)).until(condition);
    }

    private String confirmed(String firstName) {
        String email = firstName.toLowerCase() + "-" + UUID.randomUUID() + "@example.dk";
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.61", "at", Instant.now().minusSeconds(60).toString(),
                "fields", Map.of("firstName", firstName)));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        return email;
    }

    private String campaign() {
        Answer created = admin.post("/api/campaigns", Map.of("name", "Scheduled", "list", list, "template", template));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String status(String id) {
        return admin.get("/api/campaigns/" + id).json().get("status").asText();
    }

    /** The campaign as the account's list of campaigns shows it (with its schedule and its send time). */
    private JsonNode summary(String id) {
        return StreamSupport.stream(admin.get("/api/campaigns").json().spliterator(), false)
                .filter(c -> id.equals(c.get("id").asText()))
                .findFirst().orElseThrow();
    }

    private List<JsonNode> mails(String email) {
        JsonNode mailbox = anonymous.get("/dev/mailbox", Map.of("Accept", "application/json")).json();
        return StreamSupport.stream(mailbox.spliterator(), false)
                .filter(m -> m.get("to").toString().toLowerCase().contains(email.toLowerCase()))
                .filter(m -> m.get("subject").asText().startsWith("Scheduled "))
                .toList();
    }
}
