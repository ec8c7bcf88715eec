package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Erasures;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.subscription.UnsubscribeLinks;
import dev.consentflow.support.AllAtOnce;
import dev.consentflow.support.Api;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Unsubscribing as a person, a mail client, an integration and a feedback loop meet it: the one-click link in a
 * real welcome mail after a double opt-in, the page a scanner fetches without effect, the one-click POST, the
 * whole brand from the page, the API and complaints; the person's automation on that list ends, a mail queued
 * before is suppressed, other lists and the data stay.
 */
@IntegrationTest
class UnsubscribeJourneyIT {

    private static final Pattern CONFIRMATION_LINK = Pattern.compile("/c/([A-Za-z0-9_-]{43})");
    private static final Pattern UNSUBSCRIBE_HEADER = Pattern.compile("<(https?://[^>]+/u/[A-Za-z0-9_-]{43})>");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    Erasures erasures;
    @Autowired
    UnsubscribeLinks links;
    @Autowired
    Dispatch dispatch;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    Api anonymous;
    Api admin;
    AccountId account;
    String suffix;
    String brand;

    @BeforeEach
    void listsOfOneBrand() {
        anonymous = Api.at(port);
        admin = anonymous.as(Api.ADMIN_KEY);
        account = AccountId.of(TestAccounts.accountId(admin));
        suffix = UUID.randomUUID().toString().substring(0, 8);
        brand = "acme-" + suffix;
        list("news-" + suffix, "Acme News", brand);
        list("offers-" + suffix, "Acme Offers", brand);
        list("globex-" + suffix, "Globex Deals", "globex-" + suffix);
        if (repository.createProcessDefinitionQuery().processDefinitionKey("sample-automation").count() == 0) {
            repository.createDeployment().addClasspathResource("automation/sample-automation.bpmn").deploy();
        }
    }

    @Test
    void theWelcomeMailsOneClickLinkEndsThatListItsAutomationAndItsQueuedMailButNothingElse() {
        String email = address();
        confirmed(email, "offers-" + suffix);
        Answer requested = admin.post("/api/subscriptions", Map.of("email", email, "list", "news-" + suffix,
                "ip", "203.0.113.61"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        SubscriberId person = new SubscriberId(UUID.fromString(requested.json().get("subscriberId").asText()));
        Matcher confirmation = CONFIRMATION_LINK.matcher(unfolded(awaitMail(email, "Please confirm").get("body").asText()));
        assertThat(confirmation.find()).isTrue();
        assertThat(anonymous.postForm(confirmation.group(), "").status()).isEqualTo(200);

        JsonNode welcome = awaitMail(email, "Welcome to Acme News");
        Matcher header = UNSUBSCRIBE_HEADER.matcher(unfolded(welcome.get("headers").get("List-Unsubscribe").asText()));
        assertThat(header.matches()).as(welcome.get("headers").toString()).isTrue();
        String url = header.group(1);
        assertThat(welcome.get("headers").get("List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(unfolded(welcome.get("body").asText()).split(Pattern.quote(url), -1)).as("the link in text and HTML")
                .hasSizeGreaterThanOrEqualTo(3);
        SubscriptionId news = subscriptions.subscription(account, person, "news-" + suffix).orElseThrow().subscriptionId();
        SubscriptionId offers = subscriptions.subscription(account, person, "offers-" + suffix).orElseThrow().subscriptionId();
        assertThat(links.unsubscribeUrl(account, news)).as("every mail of the list carries the same link").isEqualTo(url);
        assertThat(links.unsubscribeUrl(account, offers)).isNotEqualTo(url);
        String path = url.substring(url.indexOf("/u/"));

        String newsAutomation = automation(person, "news-" + suffix);
        String offersAutomation = automation(person, "offers-" + suffix);
        SmartLifecycle workers = context.getBean("outboxWorker", SmartLifecycle.class);
        UUID queuedNews;
        UUID queuedOffers;
        workers.stop();
        try {
            queuedNews = campaignMail(person, news);
            queuedOffers = campaignMail(person, offers);

            for (int i = 0; i < 3; i++) {
                Answer look = anonymous.get(path);
                assertThat(look.status()).isEqualTo(200);
                assertThat(look.header("Cache-Control")).contains("no-store");
                assertThat(look.body()).contains("<form method=\"post\"", "Unsubscribe from Acme News",
                        "Unsubscribe from all lists of " + brand).doesNotContain(email);
            }
            assertThat(statuses(person)).containsEntry("news-" + suffix, "CONFIRMED");
            assertThat(actions(person, "UNSUBSCRIBED")).isEmpty();

            Answer clicked = anonymous.postForm(path, "List-Unsubscribe=One-Click");
            assertThat(clicked.status()).isEqualTo(200);
            assertThat(clicked.body()).contains("You will receive no more mail from <strong>Acme News</strong>");
            assertThat(statuses(person)).containsEntry("news-" + suffix, "UNSUBSCRIBED")
                    .containsEntry("offers-" + suffix, "CONFIRMED");
            Answer again = anonymous.postForm(path, "List-Unsubscribe=One-Click");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).contains("already unsubscribed");
        } finally {
            workers.start();
        }

        List<JsonNode> unsubscribed = actions(person, "UNSUBSCRIBED");
        assertThat(unsubscribed).hasSize(1);
        JsonNode evidence = unsubscribed.get(0).get("detail");
        assertThat(evidence.get("via").asText()).isEqualTo("ONE_CLICK");
        assertThat(evidence.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(evidence.get("list").asText()).isEqualTo("news-" + suffix);
        assertThat(evidence.get("at").isNull()).isFalse();
        assertThat(unsubscribed.get(0).get("processInstanceId").isNull()).isFalse();
        JsonNode card = admin.get("/api/contacts/" + person).json();
        assertThat(card.get("permission").asText()).isEqualTo("CONFIRMED");
        assertThat(card.get("email").asText()).isEqualTo(email);

        await().atMost(PATIENCE).until(() -> ended(newsAutomation));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(newsAutomation)
                .activityId("EndEvent_AutomationStopped").finished().count()).isEqualTo(1);
        assertThat(runtime.getActiveActivityIds(offersAutomation)).containsExactly("Event_NextMailDue");

        await().atMost(PATIENCE).until(() -> state(queuedNews).isFinal() && state(queuedOffers).isFinal());
        assertThat(state(queuedNews)).isEqualTo(MessageState.SUPPRESSED);
        assertThat(state(queuedOffers)).isEqualTo(MessageState.SENT);
    }

    @Test
    void thePageEndsEveryListOfTheBrandAndTheApiTheLastOneWithoutErasingAnything() {
        String email = address();
        SubscriberId person = confirmed(email, "news-" + suffix);
        confirmed(email, "offers-" + suffix);
        confirmed(email, "globex-" + suffix);
        String path = path(links.unsubscribeUrl(account,
                subscriptions.subscription(account, person, "news-" + suffix).orElseThrow().subscriptionId()));

        Answer page = anonymous.get(path);
        assertThat(page.body()).contains("value=\"BRAND\"", "Acme Offers").doesNotContain("Globex");
        Answer clicked = anonymous.postForm(path, "scope=BRAND");
        assertThat(clicked.status()).isEqualTo(200);
        assertThat(clicked.body()).contains("<strong>Acme News</strong>, <strong>Acme Offers</strong>");
        assertThat(statuses(person)).containsEntry("news-" + suffix, "UNSUBSCRIBED")
                .containsEntry("offers-" + suffix, "UNSUBSCRIBED").containsEntry("globex-" + suffix, "CONFIRMED");
        assertThat(actions(person, "UNSUBSCRIBED")).hasSize(2)
                .allSatisfy(e -> assertThat(e.get("detail").get("via").asText()).isEqualTo("PAGE"))
                .allSatisfy(e -> assertThat(e.get("detail").get("scope").asText()).isEqualTo("BRAND"));
        assertThat(anonymous.get(path).body()).contains("You are unsubscribed").doesNotContain("<form");

        Api marketer = TestAccounts.newKey(admin, "MARKETER");
        Answer card = marketer.post("/api/contacts/" + person + "/unsubscribe",
                Map.of("list", "globex-" + suffix, "ip", "198.51.100.80"));
        assertThat(card.status()).as(card.body()).isEqualTo(200);
        assertThat(card.json().get("permission").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(card.json().get("email").asText()).isEqualTo(email);
        assertThat(card.json().get("erasedAt").isNull()).isTrue();
        assertThat(marketer.post("/api/contacts/" + person + "/unsubscribe", Map.of("list", "globex-" + suffix))
                .status()).isEqualTo(200);
        List<JsonNode> byApi = actions(person, "UNSUBSCRIBED").stream()
                .filter(e -> "API".equals(e.get("detail").get("via").asText())).toList();
        assertThat(byApi).hasSize(1);
        assertThat(byApi.get(0).get("detail").get("ip").asText()).isEqualTo("198.51.100.80");
        assertThat(byApi.get(0).get("actor").asText()).startsWith("marketer:");
        assertThat(admin.get("/api/contacts?email=" + email).json()).hasSize(1);
    }

    @Test
    void theApiRefusesWhatItCannotDoWithAClearAnswer() {
        String email = address();
        SubscriberId person = confirmed(email, "news-" + suffix);
        String endpoint = "/api/contacts/" + person + "/unsubscribe";

        assertThat(anonymous.post(endpoint, Map.of("list", "news-" + suffix)).status()).isEqualTo(401);
        assertThat(anonymous.as(Api.OPERATOR_KEY).post(endpoint, Map.of("list", "news-" + suffix)).status())
                .isEqualTo(403);
        assertThat(admin.post(endpoint, Map.of()).status()).isEqualTo(400);
        assertThat(admin.post(endpoint, Map.of("list", "no-such-list")).status()).isEqualTo(400);
        assertThat(admin.post(endpoint, Map.of("list", "news-" + suffix, "ip", "not an ip")).status()).isEqualTo(400);
        assertThat(admin.post(endpoint, Map.of("list", "offers-" + suffix)).status()).isEqualTo(404);
        assertThat(admin.post("/api/contacts/" + UUID.randomUUID() + "/unsubscribe", Map.of("list", "news-" + suffix))
                .status()).isEqualTo(404);
        Api otherAccount = TestAccounts.newAccount(anonymous);
        assertThat(otherAccount.post(endpoint, Map.of("list", "news-" + suffix)).status()).isEqualTo(404);
        assertThat(statuses(person)).containsEntry("news-" + suffix, "CONFIRMED");
        assertThat(actions(person, "UNSUBSCRIBED")).isEmpty();
    }

    @Test
    void aComplaintEndsTheReportedListByItsListUnsubscribeHeaderOrByCardAndList() {
        String email = address();
        SubscriberId person = confirmed(email, "news-" + suffix);
        confirmed(email, "globex-" + suffix);
        String url = links.unsubscribeUrl(account,
                subscriptions.subscription(account, person, "news-" + suffix).orElseThrow().subscriptionId());

        Answer byHeader = admin.post("/api/complaints", Map.of("listUnsubscribe", "<mailto:x@example.org>, <" + url + ">"));
        assertThat(byHeader.status()).as(byHeader.body()).isEqualTo(200);
        assertThat(byHeader.json().get("unsubscribed").get(0).asText()).isEqualTo("news-" + suffix);
        assertThat(byHeader.json().get("permission").asText()).isEqualTo("CONFIRMED");
        Answer byCard = admin.post("/api/complaints", Map.of("subscriberId", person.toString(), "list", "globex-" + suffix));
        assertThat(byCard.json().get("permission").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(admin.post("/api/complaints", Map.of("listUnsubscribe", "<" + url + ">")).json().get("unsubscribed"))
                .isEmpty();

        assertThat(actions(person, "UNSUBSCRIBED")).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("detail").get("via").asText()).isEqualTo("COMPLAINT");
            assertThat(e.get("detail").get("ip").isNull()).isTrue();
        });
        assertThat(TestAccounts.newAccount(anonymous).post("/api/complaints", Map.of("listUnsubscribe", url)).status())
                .isEqualTo(404);
        assertThat(admin.post("/api/complaints", Map.of()).status()).isEqualTo(400);
        assertThat(admin.post("/api/complaints", Map.of("listUnsubscribe", "<https://elsewhere.example/>")).status())
                .isEqualTo(400);
    }

    @Test
    void aOneClickPostedAsMultipartWorksAndLinksThatAreNotValidAreGone() {
        String email = address();
        SubscriberId person = confirmed(email, "news-" + suffix);
        String path = path(links.unsubscribeUrl(account,
                subscriptions.subscription(account, person, "news-" + suffix).orElseThrow().subscriptionId()));

        byte[] multipart = ("--cf\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n"
                + "--cf--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(anonymous.postRaw(path, "multipart/form-data; boundary=cf", multipart, Map.of()).status())
                .isEqualTo(200);
        assertThat(statuses(person)).containsEntry("news-" + suffix, "UNSUBSCRIBED");

        UUID news = subscriptions.subscription(account, person, "news-" + suffix).orElseThrow().subscriptionId().value();
        assertThat(erasures.erase(account, person)).isTrue();
        assertThat(jdbc.sql("select count(*) from subscription_unsubscribe_token where subscription_id = ?")
                .param(news).query(Long.class).single()).as("the erased person's link is gone").isZero();
        for (String gone : List.of(path, "/u/" + "A".repeat(43), "/u/short", "/u/" + "A".repeat(42) + ".")) {
            Answer look = anonymous.get(gone);
            assertThat(look.status()).as(gone).isEqualTo(410);
            assertThat(look.header("Cache-Control")).contains("no-store");
            assertThat(look.header("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(anonymous.postForm(gone, "List-Unsubscribe=One-Click").status()).as(gone).isEqualTo(410);
        }
    }

    @Test
    void twentyParallelClicksOnOneLinkMakeOneChangeAndOneAuditEntry() throws Exception {
        String email = address();
        SubscriberId person = confirmed(email, "news-" + suffix);
        confirmed(email, "offers-" + suffix);
        String path = path(links.unsubscribeUrl(account,
                subscriptions.subscription(account, person, "news-" + suffix).orElseThrow().subscriptionId()));

        List<Answer> clicks = AllAtOnce.run(20, i -> {
            String body = i % 2 == 0 ? "List-Unsubscribe=One-Click" : "scope=BRAND";
            return () -> anonymous.postForm(path, body);
        });
        assertThat(clicks).extracting(Answer::status).containsOnly(200);
        List<JsonNode> entries = actions(person, "UNSUBSCRIBED");
        assertThat(entries.stream().map(e -> e.get("detail").get("list").asText()))
                .containsOnlyOnce("news-" + suffix).doesNotHaveDuplicates();
        assertThat(statuses(person)).containsEntry("news-" + suffix, "UNSUBSCRIBED")
                .containsEntry("offers-" + suffix, "UNSUBSCRIBED");
    }

    private void list(String key, String name, String listBrand) {
        assertThat(admin.post("/api/lists", Map.of("key", key, "name", name, "brand", listBrand)).status())
                .isEqualTo(201);
    }

    private SubscriberId confirmed(String email, String list) {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.60", "at", Instant.now().minusSeconds(60).toString()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        return new SubscriberId(UUID.fromString(subscribed.json().get("subscriberId").asText()));
    }

    private String automation(SubscriberId person, String listKey) {
        return runtime.startProcessInstanceByKey("sample-automation", UUID.randomUUID().toString(),
                Map.of("subscriberId", person.toString(), "listKey", listKey)).getId();
    }

    private UUID campaignMail(SubscriberId person, SubscriptionId subscription) {
        return dispatch.enqueue(new OutboundMessage(account, person.value(), subscription.value(), Channel.EMAIL,
                Purpose.CAMPAIGN, "unsubscribe-it-" + suffix, new OutboundMessage.Content("Campaign " + suffix,
                "Hello", null), links.unsubscribeUrl(account, subscription), null));
    }

    private MessageState state(UUID message) {
        return dispatch.state(account, message).orElseThrow();
    }

    private boolean ended(String processInstanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() == 1;
    }

    private Map<String, String> statuses(SubscriberId person) {
        Map<String, String> statuses = new HashMap<>();
        admin.get("/api/contacts/" + person).json().get("subscriptions")
                .forEach(s -> statuses.put(s.get("list").asText(), s.get("status").asText()));
        return statuses;
    }

    private List<JsonNode> actions(SubscriberId person, String action) {
        JsonNode audit = admin.get("/api/contacts/" + person + "/audit").json();
        return StreamSupport.stream(audit.spliterator(), false)
                .filter(e -> "audit".equals(e.path("source").asText()) && action.equals(e.path("action").asText()))
                .toList();
    }

    private List<JsonNode> mails(String email, String subjectPrefix) {
        return DevMailbox.of(anonymous).mails(email, subjectPrefix);
    }

    private JsonNode awaitMail(String email, String subjectPrefix) {
        return DevMailbox.of(anonymous).awaitMail(email, subjectPrefix);
    }

    /** Header folding and quoted-printable soft line breaks undone. */
    private static String unfolded(String text) {
        return text.replace("=\r\n", "").replace("=\n", "").replaceAll("\r?\n[ \t]*", "").strip();
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/u/"));
    }

    private static String address() {
        return "unsubscribe-" + UUID.randomUUID() + "@example.dk";
    }
}
