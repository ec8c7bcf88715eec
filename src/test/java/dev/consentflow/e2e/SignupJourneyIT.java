package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.AllAtOnce;
import dev.consentflow.support.Api;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.Api.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A signup as a person, an integration and a mail scanner meet it, through HTTP only: the form, the real
 * confirmation mail at the development SMTP server, its link, the contact card and the audit trail. The test
 * client is a trusted proxy here, so each test speaks for its own client IP with {@code X-Forwarded-For}.
 */
@IntegrationTest
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class SignupJourneyIT {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/c/([A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ManagementService management;

    Api anonymous;
    Api admin;
    String list;
    String form;

    @BeforeEach
    void listAndForm() {
        anonymous = Api.at(port);
        admin = anonymous.as(Api.ADMIN_KEY);
        list = "news-" + UUID.randomUUID().toString().substring(0, 8);
        form = list + "-signup";
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
        Answer created = admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL",
                "fields", List.of("firstName")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aFormSignupIsConfirmedThroughTheLinkInTheRealMailWithItsEvidence() {
        String email = address();
        Answer accepted = signup(form, email, "203.0.113.7");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("status").asText()).isEqualTo("PENDING");

        JsonNode mail = awaitMail(email, "Please confirm");
        String link = link(mail);
        assertThat(link).startsWith("http://localhost:").contains("/c/");
        assertThat(subscription(email).get("status").asText()).isEqualTo("PENDING");
        assertThat(subscription(email).get("subscribeIp").asText()).isEqualTo("203.0.113.7");

        // A mail scanner fetches the link: a page with a button, and nothing changes.
        for (int i = 0; i < 3; i++) {
            Answer look = anonymous.get(path(link));
            assertThat(look.status()).isEqualTo(200);
            assertThat(look.body()).contains("<form method=\"post\"", "Yes, confirm my subscription");
        }
        assertThat(subscription(email).get("status").asText()).isEqualTo("PENDING");

        Answer confirmed = post(path(link), "198.51.100.23");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your subscription is confirmed");
        JsonNode subscription = subscription(email);
        assertThat(subscription.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(subscription.get("confirmIp").asText()).isEqualTo("198.51.100.23");
        assertThat(subscription.get("confirmedAt").isNull()).isFalse();

        Answer again = post(path(link), "198.51.100.23");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("already confirmed");
        assertThat(actions(email, "CONFIRMED")).isEqualTo(1);
        assertThat(actions(email, "CONFIRMATION_SENT")).isEqualTo(1);

        JsonNode welcome = awaitMail(email, "Welcome to Acme News");
        assertThat(welcome.get("headers").get("List-Id").asText()).contains(list);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/engine-rest/history/process-instance"
                + "?processDefinitionKey=double-opt-in&finished=true&processInstanceBusinessKey=" + businessKeyOf(email)).json().size() == 1);
    }

    @Test
    void fiftyParallelClicksOnOneLinkMakeOneTransition() throws Exception {
        String email = address();
        signup(form, email, "203.0.113.8");
        String path = path(link(awaitMail(email, "Please confirm")));

        List<Answer> clicks = AllAtOnce.run(50, i -> {
            boolean scanner = i % 5 == 0;
            return () -> scanner ? anonymous.get(path) : post(path, "198.51.100.24");
        });
        assertThat(clicks).extracting(Answer::status).containsOnly(200);
        assertThat(subscription(email).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(actions(email, "CONFIRMED")).isEqualTo(1);
        awaitMail(email, "Welcome to Acme News");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> mails(email, "Welcome").size() == 1);
    }

    @Test
    void aBrowserIsSentToTheThankYouPage() {
        String email = address();
        Answer answer = anonymous.postRaw("/f/" + form, "application/x-www-form-urlencoded",
                ("email=" + email.replace("@", "%40") + "&firstName=Anna&consent=true").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", "203.0.113.9"));
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/f/" + form + "/thanks");
        awaitMail(email, "Please confirm");
    }

    @Test
    void repeatedSignupsWithinTheThrottleWindowSendOneConfirmation() throws Exception {
        String email = address();
        assertThat(signup(form, email, "203.0.113.10").status()).isEqualTo(202);
        assertThat(signup(form, email.toUpperCase(), "203.0.113.11").status()).isEqualTo(202);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Answer>> parallel = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                parallel.add(pool.submit(() -> signup(form, email, "203.0.113.12")));
            }
            for (Future<Answer> answer : parallel) {
                assertThat(answer.get().status()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitMail(email, "Please confirm");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> mails(email, "Please confirm").size() == 1);
        assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP' and subscriber_id = :id and state = 'WAITING'")
                .param("id", UUID.fromString(contact(email).get("subscriberId").asText())).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theAnswerNeverTellsWhetherTheAddressIsKnown() {
        String fresh = address();
        String pending = address();
        String confirmed = address();
        signup(form, pending, "203.0.113.13");
        admin.post("/api/subscriptions", Map.of("email", confirmed, "list", list, "confirmed", true,
                "at", "2026-11-01T10:00:00Z",
                "ip", "203.0.113.14"));

        Answer a = signup(form, fresh, "203.0.113.15");
        Answer b = signup(form, pending, "203.0.113.15");
        Answer c = signup(form, confirmed, "203.0.113.15");
        assertThat(List.of(a.status(), b.status(), c.status())).containsOnly(202);
        assertThat(List.of(a.body(), b.body(), c.body())).containsOnly(a.body());
    }

    @Test
    void anErasedAddressGetsTheSameAnswerAndOnlyAResubscriptionConfirmation() {
        String email = address();
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.16", "at", "2026-11-01T10:00:00Z"));
        assertThat(subscribed.status()).isEqualTo(201);
        String id = subscribed.json().get("subscriberId").asText();
        assertThat(admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "asked")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DELETED".equals(contact(email).get("permission").asText()));
        Answer answer = signup(form, email, "203.0.113.17");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo(signup(form, address(), "203.0.113.17").body());

        // DESIGN.md rule 3: the erased person may come back only through a confirmed opt-in, as a new card.
        awaitMail(email, "Confirm that you want to receive");
        assertThat(mails(email, "Please confirm")).isEmpty();
        assertThat(admin.get("/api/contacts?email=" + email).json()).hasSize(1)
                .allMatch(card -> "DELETED".equals(card.get("permission").asText()));
        assertThat(admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.16", "at", "2026-11-01T10:00:00Z")).status()).isEqualTo(409);
    }

    @Test
    void anIntegrationStartsTheSameDoubleOptInOrVouchesForTheConsent() {
        String pending = address();
        Answer started = admin.post("/api/subscriptions", Map.of("email", pending, "list", list,
                "fields", Map.of("firstName", "Anna"), "ip", "203.0.113.18"));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(started.json().get("subscriberId").asText()).isEqualTo(contact(pending).get("subscriberId").asText());
        assertThat(contact(pending).get("source").asText()).isEqualTo("API");
        awaitMail(pending, "Please confirm");

        String vouched = address();
        Answer confirmed = admin.post("/api/subscriptions", Map.of("email", vouched, "list", list,
                "confirmed", true, "ip", "203.0.113.19", "at", "2026-11-01T10:00:00Z"));
        assertThat(confirmed.status()).isEqualTo(201);
        assertThat(confirmed.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(subscription(vouched).get("status").asText()).isEqualTo("CONFIRMED");

        assertThat(admin.post("/api/subscriptions", Map.of("email", "x@y", "list", list)).status()).isEqualTo(400);
        assertThat(admin.post("/api/subscriptions", Map.of("email", address(), "list", "no-such-list")).status())
                .isEqualTo(400);
    }

    @Test
    void aReminderCarriesANewLinkToTheSameSignupAndExpiryPurgesIt() {
        String reminded = address();
        signup(form, reminded, "203.0.113.20");
        String first = link(awaitMail(reminded, "Please confirm"));
        management.executeJob(timer(reminded, "Event_ReminderDue"));
        String second = link(awaitMail(reminded, "Reminder"));
        assertThat(second).isNotEqualTo(first);
        assertThat(post(path(second), "198.51.100.25").status()).isEqualTo(200);
        assertThat(post(path(first), "198.51.100.25").body()).contains("already confirmed");

        String expired = address();
        signup(form, expired, "203.0.113.21");
        String link = link(awaitMail(expired, "Please confirm"));
        // A signup's one timer is the reminder's; the expiry's is made when the reminder is due.
        management.executeJob(timer(expired, "Event_ReminderDue"));
        awaitMail(expired, "Reminder");
        management.executeJob(timer(expired, "Event_ConfirmationExpiredAfterReminder"));
        assertThat(anonymous.get(path(link)).status()).isEqualTo(410);
        assertThat(post(path(link), "198.51.100.26").status()).isEqualTo(410);
        JsonNode cards = admin.get("/api/contacts?email=" + expired).json();
        assertThat(StreamSupport.stream(cards.spliterator(), false)
                .flatMap(card -> StreamSupport.stream(card.get("subscriptions").spliterator(), false))
                .filter(s -> list.equals(s.get("list").asText()))).isEmpty();
    }

    @Test
    void anSmsFormSendsTheLinkBySms() {
        String smsList = "sms-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/lists", Map.of("key", smsList, "name", "Acme Offers", "brand", "acme"));
        admin.post("/api/forms", Map.of("key", smsList + "-signup", "lists", List.of(smsList), "channel", "SMS"));
        String mobile = "+45" + (20_000_000 + (int) (Math.random() * 9_000_000));
        Answer accepted = anonymous.postRaw("/f/" + smsList + "-signup", "application/json",
                ("{\"mobile\":\"" + mobile + "\",\"consent\":true}").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", "203.0.113.22"));
        assertThat(accepted.status()).isEqualTo(202);

        String text = await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                        anonymous.get("/dev/sms", Map.of("Accept", "application/json")).json().spliterator(), false)
                .filter(sms -> mobile.equals(sms.get("to").asText()))
                .map(sms -> sms.get("text").asText()).findFirst().orElse(null), t -> t != null);
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).isTrue();
        assertThat(post(path(link.group()), "198.51.100.27").status()).isEqualTo(200);
    }

    @Test
    void signupsFromOneAddressAreLimitedPerMinuteWithRetryAfter() {
        Answer last = null;
        for (int i = 0; i < 31; i++) {
            last = signup(form, address(), "203.0.113.99");
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void aSignupRefusedForItsNetworkDoesNotCountForItsAddressWhichIsLimitedPerHour() {
        String email = address();
        for (int i = 0; i < 30; i++) {
            assertThat(signup(form, email, "198.18.7.1").status()).isEqualTo(202);
        }
        Answer network = signup(form, email, "198.18.7.1");
        assertThat(network.status()).isEqualTo(429);
        assertThat(network.json().get("detail").asText()).contains("network");
        // 30 of the address's 50 counted: 20 more pass from another network, the next is refused for the address.
        for (int i = 0; i < 20; i++) {
            assertThat(signup(form, email, "198.18.7.2").status()).isEqualTo(202);
        }
        Answer address = signup(form, email, "198.18.7.2");
        assertThat(address.status()).isEqualTo(429);
        assertThat(address.json().get("detail").asText()).contains("address");
        assertThat(Integer.parseInt(address.header("Retry-After"))).isBetween(3000, 3600);
    }

    private Answer signup(String formKey, String email, String ip) {
        return anonymous.postRaw("/f/" + formKey, "application/json",
                ("{\"email\":\"" + email + "\",\"firstName\":\"Anna\",\"consent\":true}").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", ip, "User-Agent", "JourneyIT"));
    }

    private Answer post(String path, String ip) {
        return anonymous.postRaw(path, "application/x-www-form-urlencoded", new byte[0], Map.of("X-Forwarded-For", ip));
    }

    private String timer(String email, String activityId) {
        String instance = jdbc.sql("select process_instance_id from subscription_confirmation_request where purpose = 'SIGNUP' and subscriber_id = :id")
                .param("id", UUID.fromString(contact(email).get("subscriberId").asText())).query(String.class).single();
        return management.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult().getId();
    }

    private String businessKeyOf(String email) {
        return jdbc.sql("select request_id from subscription_confirmation_request where purpose = 'SIGNUP' and subscriber_id = :id")
                .param("id", UUID.fromString(contact(email).get("subscriberId").asText())).query(UUID.class).single()
                .toString();
    }

    private JsonNode contact(String email) {
        JsonNode cards = admin.get("/api/contacts?email=" + email).json();
        assertThat(cards).isNotEmpty();
        return cards.get(cards.size() - 1);
    }

    private JsonNode subscription(String email) {
        return StreamSupport.stream(contact(email).get("subscriptions").spliterator(), false)
                .filter(s -> list.equals(s.get("list").asText())).findFirst().orElseThrow();
    }

    private long actions(String email, String action) {
        JsonNode audit = admin.get("/api/contacts/" + contact(email).get("subscriberId").asText() + "/audit").json();
        return StreamSupport.stream(audit.spliterator(), false)
                .filter(e -> "audit".equals(e.path("source").asText()) && action.equals(e.get("action").asText()))
                .count();
    }

    private List<JsonNode> mails(String email, String subjectPrefix) {
        return DevMailbox.of(anonymous).mails(email, subjectPrefix);
    }

    private JsonNode awaitMail(String email, String subjectPrefix) {
        return DevMailbox.of(anonymous).awaitMail(email, subjectPrefix);
    }

    /** The confirmation link of a mail, its quoted-printable soft line breaks undone. */
    private static String link(JsonNode mail) {
        Matcher link = LINK.matcher(mail.get("body").asText().replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).as("a confirmation link in " + mail).isTrue();
        return link.group();
    }

    private static String path(String link) {
        return link.substring(link.indexOf("/c/"));
    }

    private static String address() {
        return "journey-" + UUID.randomUUID() + "@example.dk";
    }
}
