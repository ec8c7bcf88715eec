package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.engine.ProcessHistory;
import dev.consentflow.support.AllAtOnce;
import dev.consentflow.support.Api;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * An erased person coming back (DESIGN.md rule 3) through HTTP: the Resubscribe action or a form post, the real
 * confirmation mail at the development SMTP server (or the SMS at the dev outbox), its link, and then both cards,
 * the tombstone unchanged. The erase endpoint makes the tombstone. The test
 * client is a trusted proxy, so each request speaks for its own client IP with {@code X-Forwarded-For}.
 */
@IntegrationTest
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class ResubscriptionJourneyIT {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/c/([A-Za-z0-9_-]{43})");
    private static final String OPT_IN_REQUIRED = "a confirmed opt-in is required";
    /** When the integration says the person gave their consent, for pre-confirmed subscriptions. */
    private static final String AT = "2025-11-29T10:00:00Z";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ManagementService management;

    @Autowired
    HistoryService history;

    @Autowired
    ProcessHistory processHistory;

    Api anonymous;
    Api admin;
    String list;

    @BeforeEach
    void aList() {
        anonymous = Api.at(port);
        admin = anonymous.as(Api.ADMIN_KEY);
        list = "back-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
    }

    @Test
    void anErasedPersonComesBackThroughTheRealMailAsANewCardAndTheTombstoneStaysAsItWas() {
        String email = address();
        String tombstone = erasedSubscriber(email, null, "203.0.113.40");
        JsonNode tombstoneBefore = admin.get("/api/contacts/" + tombstone).json();

        Answer accepted = admin.post("/api/contacts/" + tombstone + "/resubscribe",
                Map.of("list", list, "email", email.toUpperCase(), "ip", "203.0.113.41"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("tombstoneId").asText()).isEqualTo(tombstone);
        assertThat(accepted.json().get("channel").asText()).isEqualTo("EMAIL");
        assertThat(accepted.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(cards(email)).as("no card before the confirmation").hasSize(1);

        JsonNode mail = awaitMail(email, "Confirm that you want to receive Acme News again");
        assertThat(text(mail)).contains(OPT_IN_REQUIRED);
        String path = path(link(mail));
        for (int i = 0; i < 2; i++) {
            Answer look = anonymous.get(path);
            assertThat(look.status()).isEqualTo(200);
            assertThat(look.body()).contains("<form method=\"post\"");
        }
        assertThat(cards(email)).as("a look changes nothing").hasSize(1);

        Answer confirmed = post(path, "198.51.100.41");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your subscription is confirmed");
        Answer again = post(path, "198.51.100.41");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("already confirmed");

        List<JsonNode> both = cards(email);
        assertThat(both).hasSize(2);
        JsonNode card = both.get(0);
        assertThat(both.get(1)).isEqualTo(tombstoneBefore);
        assertThat(admin.get("/api/contacts/" + tombstone).json()).isEqualTo(tombstoneBefore);
        assertThat(tombstoneBefore.get("permission").asText()).isEqualTo("DELETED");
        assertThat(tombstoneBefore.get("subscriptions").get(0).get("subscribeIp").asText()).isEqualTo("203.0.113.40");

        String newId = card.get("subscriberId").asText();
        assertThat(newId).isNotEqualTo(tombstone);
        assertThat(card.get("email").asText()).isEqualToIgnoringCase(email);
        assertThat(card.get("mobile").isNull()).isTrue();
        assertThat(card.get("source").asText()).isEqualTo("RESUBSCRIBED");
        assertThat(card.get("mailRating").asInt()).isEqualTo(3);
        assertThat(card.get("permission").asText()).isEqualTo("CONFIRMED");
        assertThat(card.get("fields")).isEmpty();
        assertThat(card.get("events")).isEmpty();
        assertThat(card.get("erasedAt").isNull()).isTrue();
        assertThat(card.get("subscriptions")).hasSize(1);
        JsonNode subscription = card.get("subscriptions").get(0);
        assertThat(subscription.get("list").asText()).isEqualTo(list);
        assertThat(subscription.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(subscription.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(subscription.get("subscribeIp").asText()).isEqualTo("203.0.113.41");
        assertThat(subscription.get("confirmIp").asText()).isEqualTo("198.51.100.41");
        assertThat(subscription.get("subscribedAt").isNull()).isFalse();
        assertThat(subscription.get("confirmedAt").isNull()).isFalse();

        // Back as an ordinary subscriber: the list's welcome, with its one-click unsubscribe link.
        JsonNode welcome = awaitMail(email, "Welcome to Acme News");
        assertThat(welcome.get("headers").get("List-Unsubscribe").asText()).contains("/u/");
        assertThat(welcome.get("headers").get("List-Unsubscribe-Post").asText())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mails(email, "Welcome to Acme News")).hasSize(1);

        assertThat(actions(tombstone)).contains("RESUBSCRIBE_REQUESTED", "CONFIRMATION_SENT", "RESUBSCRIBED");
        assertThat(actions(newId)).containsSubsequence("RESUBSCRIBED", "SUBSCRIBED", "CONFIRMED")
                .containsOnlyOnce("RESUBSCRIBED", "CONFIRMED");
        assertThat(entry(tombstone, "RESUBSCRIBED").get("detail").get("resubscribedAs").asText()).isEqualTo(newId);
        assertThat(entry(newId, "RESUBSCRIBED").get("detail").get("tombstoneId").asText()).isEqualTo(tombstone);
        assertThat(admin.get("/api/contacts/" + tombstone + "/audit").body()).doesNotContainIgnoringCase(email);
        assertThat(processHistory.stepsFor(UUID.fromString(newId))).extracting(ProcessHistory.Step::processKey)
                .contains("resubscribe");
        assertThat(admin.get("/api/audit/verify").json().get("valid").asBoolean()).isTrue();

        assertThat(pendingRows(tombstone)).as("the pending address is gone").isZero();
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'RESUBSCRIPTION' and tombstone_id = :id "
                        + "and (click_evidence is not null or state <> 'CONFIRMED')")
                .param("id", UUID.fromString(tombstone)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select coalesce(string_agg(coalesce(text_, '') || coalesce(text2_, ''), ','), '') "
                + "from act_hi_varinst").query(String.class).single()).doesNotContainIgnoringCase(email);

        // From now on the new card is an ordinary contact: the address is no longer blocked.
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/lists", Map.of("key", other, "name", "Offers"));
        Answer ordinary = admin.post("/api/subscriptions", Map.of("email", email, "list", other, "confirmed", true,
                "ip", "203.0.113.42", "at", AT));
        assertThat(ordinary.status()).as(ordinary.body()).isEqualTo(201);
        assertThat(ordinary.json().get("subscriberId").asText()).isEqualTo(newId);
        assertProblem(admin.post("/api/contacts/" + tombstone + "/resubscribe", Map.of("list", list, "email", email)),
                409);
    }

    @Test
    void anErasedSmsPermissionIsConfirmedBySms() {
        String email = address();
        String mobile = "+45" + (20_000_000 + (int) (Math.random() * 9_000_000));
        String tombstone = erasedSubscriber(email, mobile, "203.0.113.43");

        Answer withoutMobile = admin.post("/api/contacts/" + tombstone + "/resubscribe",
                Map.of("list", list, "email", email));
        assertProblem(withoutMobile, 400);
        assertThat(withoutMobile.json().get("errors").get(0).get("field").asText()).isEqualTo("mobile");

        Answer accepted = admin.post("/api/contacts/" + tombstone + "/resubscribe",
                Map.of("list", list, "email", email, "mobile", mobile));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("channel").asText()).isEqualTo("SMS");

        String text = await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                        anonymous.get("/dev/sms", Map.of("Accept", "application/json")).json().spliterator(), false)
                .filter(sms -> mobile.equals(sms.get("to").asText()))
                .map(sms -> sms.get("text").asText()).findFirst().orElse(null), t -> t != null);
        assertThat(text).contains(OPT_IN_REQUIRED);
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).isTrue();
        assertThat(post(path(link.group()), "198.51.100.43").status()).isEqualTo(200);

        List<JsonNode> both = cards(email);
        assertThat(both).hasSize(2);
        JsonNode card = both.get(0);
        assertThat(card.get("source").asText()).isEqualTo("RESUBSCRIBED");
        assertThat(card.get("mobile").asText()).isEqualTo(mobile);
        assertThat(card.get("subscriptions").get(0).get("channel").asText()).isEqualTo("SMS");
        assertThat(card.get("subscriptions").get(0).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(both.get(1).get("subscriberId").asText()).isEqualTo(tombstone);
        assertThat(mails(email, "")).isEmpty();
    }

    @Test
    void anUnconfirmedResubscriptionExpiresAndLeavesNothingButItsAuditEntries() {
        String email = address();
        String tombstone = erasedSubscriber(email, null, "203.0.113.44");
        JsonNode tombstoneBefore = admin.get("/api/contacts/" + tombstone).json();
        assertThat(admin.post("/api/contacts/" + tombstone + "/resubscribe", Map.of("list", list, "email", email))
                .status()).isEqualTo(202);
        String path = path(link(awaitMail(email, "Confirm that you want")));
        assertThat(pendingRows(tombstone)).isEqualTo(1);

        String instance = jdbc.sql("select process_instance_id from subscription_confirmation_request where purpose = 'RESUBSCRIPTION' and tombstone_id = :id")
                .param("id", UUID.fromString(tombstone)).query(String.class).single();
        management.executeJob(management.createJobQuery().processInstanceId(instance)
                .activityId("Event_ConfirmationExpired").singleResult().getId());

        assertThat(anonymous.get(path).status()).isEqualTo(410);
        assertThat(post(path, "198.51.100.44").status()).isEqualTo(410);
        assertThat(pendingRows(tombstone)).isZero();
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'RESUBSCRIPTION' and tombstone_id = :id")
                .param("id", UUID.fromString(tombstone)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request_token where process_instance_id = :id")
                .param("id", instance).query(Long.class).single()).isZero();
        assertThat(cards(email)).hasSize(1);
        assertThat(admin.get("/api/contacts/" + tombstone).json()).isEqualTo(tombstoneBefore);
        JsonNode purged = entry(tombstone, "PENDING_PURGED");
        assertThat(purged.get("actor").asText()).isEqualTo("system:resubscribe");
        assertThat(purged.get("detail").get("reason").asText()).isEqualTo("expired");
        assertProblem(admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.45", "at", AT)), 409);
    }

    @Test
    void theResubscribeActionTakesOnlyAnErasedCardAndItsOwnFullAddress() {
        String email = address();
        String tombstone = erasedSubscriber(email, null, "203.0.113.46");
        Answer live = admin.post("/api/subscriptions", Map.of("email", address(), "list", list, "confirmed", true,
                "ip", "203.0.113.46", "at", AT));
        String liveId = live.json().get("subscriberId").asText();
        String resubscribe = "/api/contacts/" + tombstone + "/resubscribe";

        assertProblem(admin.post("/api/contacts/" + UUID.randomUUID() + "/resubscribe",
                Map.of("list", list, "email", email)), 404);
        assertProblem(TestAccounts.newAccount(anonymous).post(resubscribe, Map.of("list", list, "email", email)), 404);
        assertProblem(admin.post("/api/contacts/" + liveId + "/resubscribe", Map.of("list", list, "email", email)),
                409);
        Answer someoneElse = admin.post(resubscribe, Map.of("list", list, "email", address()));
        assertProblem(someoneElse, 409);
        assertProblem(admin.post(resubscribe, Map.of("list", list, "email",
                email.substring(0, email.indexOf('@')) + "@example.org")), 409);
        assertProblem(admin.post(resubscribe, Map.of("list", list)), 400);
        assertProblem(admin.post(resubscribe, Map.of("list", list, "email", "not an address")), 400);
        assertProblem(admin.post(resubscribe, Map.of("list", "no-such-list", "email", email)), 400);
        assertProblem(admin.post(resubscribe, Map.of("list", list, "email", email, "ip", "localhost")), 400);
        assertThat(anonymous.as(Api.OPERATOR_KEY).post(resubscribe, Map.of("list", list, "email", email)).status())
                .isEqualTo(403);
        assertThat(anonymous.post(resubscribe, Map.of("list", list, "email", email)).status()).isEqualTo(401);
        assertThat(pendingRows(tombstone)).isZero();
        assertThat(someoneElse.body()).doesNotContain("@");

        Answer first = TestAccounts.newKey(admin, "COMPLIANCE").post(resubscribe, Map.of("list", list, "email", email));
        Answer repeated = admin.post(resubscribe, Map.of("list", list, "email", email));
        assertThat(first.status()).isEqualTo(202);
        assertThat(repeated.status()).isEqualTo(202);
        assertThat(pendingRows(tombstone)).as("one pending request per tombstone and list").isEqualTo(1);
        awaitMail(email, "Confirm that you want");
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'RESUBSCRIPTION' and tombstone_id = :id")
                .param("id", UUID.fromString(tombstone)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aFormSignupByAnErasedAddressTakesTheSamePathAndAnswersLikeAnyOtherSignup() {
        String form = list + "-signup";
        assertThat(admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL",
                "fields", List.of("firstName"))).status()).isEqualTo(201);
        String erased = address();
        String tombstone = erasedSubscriber(erased, null, "203.0.113.47");
        JsonNode tombstoneBefore = admin.get("/api/contacts/" + tombstone).json();
        String fresh = address();

        Answer erasedJson = formJson(form, erased, "203.0.113.48");
        Answer freshJson = formJson(form, fresh, "203.0.113.48");
        assertThat(erasedJson.status()).isEqualTo(freshJson.status()).isEqualTo(202);
        assertThat(erasedJson.body()).isEqualTo(freshJson.body());
        assertThat(withoutDate(erasedJson)).isEqualTo(withoutDate(freshJson));
        Answer erasedBrowser = formBrowser(form, erased, "203.0.113.49");
        Answer freshBrowser = formBrowser(form, address(), "203.0.113.49");
        assertThat(erasedBrowser.status()).isEqualTo(freshBrowser.status()).isEqualTo(303);
        assertThat(erasedBrowser.body()).isEqualTo(freshBrowser.body());
        assertThat(withoutDate(erasedBrowser)).isEqualTo(withoutDate(freshBrowser));

        Answer integration = admin.post("/api/subscriptions", Map.of("email", erased, "list", list));
        assertThat(integration.status()).as("an integration's double opt-in takes the same path").isEqualTo(202);
        assertThat(integration.json().get("status").asText()).isEqualTo("PENDING");

        awaitMail(fresh, "Please confirm");
        JsonNode mail = awaitMail(erased, "Confirm that you want to receive Acme News again");
        assertThat(text(mail)).contains(OPT_IN_REQUIRED);
        assertThat(mails(erased, "Please confirm")).isEmpty();
        assertThat(pendingRows(tombstone)).as("the repeated post waits for the same confirmation").isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().activityId("EndEvent_HandedOverToResubscription")
                .list().stream().map(a -> a.getProcessInstanceId()).distinct().count()).isGreaterThanOrEqualTo(3);

        assertThat(post(path(link(mail)), "198.51.100.48").status()).isEqualTo(200);
        List<JsonNode> both = cards(erased);
        assertThat(both).hasSize(2);
        JsonNode card = both.get(0);
        assertThat(card.get("source").asText()).isEqualTo("RESUBSCRIBED");
        assertThat(card.get("fields")).as("the form's other values are not brought back").isEmpty();
        JsonNode subscription = card.get("subscriptions").get(0);
        assertThat(subscription.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(subscription.get("subscribeIp").asText()).isEqualTo("203.0.113.48");
        assertThat(subscription.get("confirmIp").asText()).isEqualTo("198.51.100.48");
        assertThat(both.get(1)).isEqualTo(tombstoneBefore);
    }

    @Test
    void parallelClicksOnOneResubscribeLinkMakeOneNewCard() throws Exception {
        String email = address();
        String tombstone = erasedSubscriber(email, null, "203.0.113.50");
        admin.post("/api/contacts/" + tombstone + "/resubscribe", Map.of("list", list, "email", email));
        String path = path(link(awaitMail(email, "Confirm that you want")));

        List<Answer> clicks = AllAtOnce.run(12, i -> {
            boolean scanner = i % 4 == 0;
            return () -> scanner ? anonymous.get(path) : post(path, "198.51.100.50");
        });
        assertThat(clicks).extracting(Answer::status).containsOnly(200);
        List<JsonNode> both = cards(email);
        assertThat(both).hasSize(2);
        assertThat(actions(both.get(0).get("subscriberId").asText())).containsOnlyOnce("RESUBSCRIBED", "CONFIRMED");
        assertThat(actions(tombstone)).containsOnlyOnce("RESUBSCRIBED");
    }

    /** A confirmed subscriber of the list (by SMS when a mobile number is given), made a tombstone. */
    private String erasedSubscriber(String email, String mobile, String ip) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "list", list, "confirmed", true,
                "ip", ip, "at", AT));
        if (mobile != null) {
            body.put("mobile", mobile);
            body.put("channel", "SMS");
        }
        Answer subscribed = admin.post("/api/subscriptions", body);
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String id = subscribed.json().get("subscriberId").asText();
        assertThat(admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "asked")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DELETED".equals(admin.get("/api/contacts/" + id).json().get("permission").asText()));
        return id;
    }

    private Answer formJson(String form, String email, String ip) {
        return anonymous.postRaw("/f/" + form, "application/json",
                ("{\"email\":\"" + email + "\",\"firstName\":\"Anna\",\"consent\":true}").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", ip, "User-Agent", "ResubscribeIT"));
    }

    private Answer formBrowser(String form, String email, String ip) {
        return anonymous.postRaw("/f/" + form, "application/x-www-form-urlencoded",
                ("email=" + email.replace("@", "%40") + "&firstName=Anna&consent=true").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", ip, "User-Agent", "ResubscribeIT"));
    }

    private static Map<String, List<String>> withoutDate(Answer answer) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(answer.headers());
        headers.remove("date");
        return headers;
    }

    private Answer post(String path, String ip) {
        return anonymous.postRaw(path, "application/x-www-form-urlencoded", new byte[0], Map.of("X-Forwarded-For", ip));
    }

    private List<JsonNode> cards(String email) {
        Answer found = admin.get("/api/contacts?email=" + email.replace("+", "%2B"));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return StreamSupport.stream(found.json().spliterator(), false).toList();
    }

    private long pendingRows(String tombstone) {
        return jdbc.sql("select count(*) from contacts_resubscription where tombstone_id = :id")
                .param("id", UUID.fromString(tombstone)).query(Long.class).single();
    }

    private List<String> actions(String subscriberId) {
        return StreamSupport.stream(admin.get("/api/contacts/" + subscriberId + "/audit").json().spliterator(), false)
                .filter(e -> "audit".equals(e.path("source").asText()))
                .map(e -> e.get("action").asText()).toList();
    }

    private JsonNode entry(String subscriberId, String action) {
        return StreamSupport.stream(admin.get("/api/contacts/" + subscriberId + "/audit").json().spliterator(), false)
                .filter(e -> "audit".equals(e.path("source").asText()) && action.equals(e.get("action").asText()))
                .findFirst().orElseThrow();
    }

    private List<JsonNode> mails(String email, String subjectPrefix) {
        return DevMailbox.of(anonymous).mails(email, subjectPrefix);
    }

    private JsonNode awaitMail(String email, String subjectPrefix) {
        return DevMailbox.of(anonymous).awaitMail(email, subjectPrefix);
    }

    /** The body of a mail with its quoted-printable soft line breaks undone. */
    private static String text(JsonNode mail) {
        return mail.get("body").asText().replace("=\r\n", "").replace("=\n", "");
    }

    private static String link(JsonNode mail) {
        Matcher link = LINK.matcher(text(mail));
        assertThat(link.find()).as("a confirmation link in " + mail).isTrue();
        return link.group();
    }

    private static String path(String link) {
        return link.substring(link.indexOf("/c/"));
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static String address() {
        return "back-" + UUID.randomUUID() + "@example.dk";
    }
}
