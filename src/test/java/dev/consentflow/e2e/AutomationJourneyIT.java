package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.Erasures;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A marketer's automation on the whole server: the example welcome series deployed as the Modeler deploys it
 * (multipart, MARKETER bearer key), started by a real signup's confirmation, its template mail with the one-click
 * unsubscribe headers, a tracked click raising the MailRating, the engaged branch inviting the person to another
 * list through a double opt-in and setting a field, and the unsubscribe that ends the flow. Also the marketer's
 * list add, which never bypasses consent and never brings back an erased person.
 */
@IntegrationTest
class AutomationJourneyIT {

    private static final Pattern UNSUBSCRIBE_HEADER = Pattern.compile("<(https?://[^>]+(/u/[A-Za-z0-9_-]{43}))>");
    private static final Pattern CLICK = Pattern.compile("https?://[^\"\\s]+(/t/c/[A-Za-z0-9_-]{22}0)");
    private static final String WELCOME_LINK = "https://shop.example/welcome";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    Erasures erasures;
    @Autowired
    Subscribers subscribers;

    Api anonymous;
    Api admin;
    Api marketer;
    String form;
    String deploymentId;

    @BeforeEach
    void anAccountWithListsTemplatesAFormAndTheDeployedWelcomeSeries() throws IOException {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous.as(Api.ADMIN_KEY));
        marketer = TestAccounts.newKey(admin, "MARKETER");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // Tracked, so the flow's mail carries the pixel and tracked links this journey follows.
        created(marketer.post("/api/lists", Map.of("key", "news", "name", "Acme News", "brand", "acme",
                "trackOpens", true, "trackClicks", true)));
        created(marketer.post("/api/lists", Map.of("key", "offers", "name", "Acme Offers", "brand", "acme")));
        created(marketer.post("/api/templates", Map.of("key", "welcome-series", "subject", "Hello {{firstName}}",
                "html", "<p>Hello {{firstName}}, <a href=\"" + WELCOME_LINK + "\">see what is new</a></p>",
                "text", "Hello {{firstName}}, see what is new: " + WELCOME_LINK)));
        created(marketer.post("/api/templates", Map.of("key", "welcome-reminder", "subject", "Still there?",
                "html", "<p>Still there?</p>", "text", "Still there?")));
        form = "welcome-" + suffix;
        created(marketer.post("/api/forms", Map.of("key", form, "lists", List.of("news"), "channel", "EMAIL",
                "fields", List.of("firstName"))));

        Answer deployed = deploy(marketer, "welcome-series.bpmn",
                Files.readString(Path.of("processes/examples/welcome-series.bpmn")));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        deploymentId = deployed.json().get("id").asText();
        assertThat(repository.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult().getKey())
                .isEqualTo("welcome-series");
    }

    /**
     * Other tests share this server's engine: leave no flow of ours deployed. A confirmation's announcement reaches
     * the flow from an asynchronous job; it runs first, or the flow it starts races the cascade (an instance
     * committed after the cascade read the running ones leaves the definition referenced, as CI saw once).
     */
    @AfterEach
    void undeploy() {
        if (deploymentId != null) {
            String account = TestAccounts.accountId(admin);
            await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery()
                    .processDefinitionKey("announce-confirmation").variableValueEquals("accountId", account)
                    .count() == 0);
            repository.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void aConfirmedSignupGetsTheTemplateMailAClickRaisesTheRatingAndTheUnsubscribeEndsTheFlow() {
        String email = address();
        SubscriberId person = signedUpAndConfirmed(email);
        ProcessInstance automation = awaitAutomation(person);
        assertThat(runtime.getActiveActivityIds(automation.getId())).containsExactly("Event_WelcomeDelayPassed");
        assertThat(card(person).get("mailRating").asInt()).isEqualTo(3);

        timerPassed(automation, "Event_WelcomeDelayPassed");
        JsonNode mail = DevMailbox.of(anonymous).awaitMail(email, "Hello Ada");
        Matcher header = UNSUBSCRIBE_HEADER.matcher(unfolded(mail.get("headers").get("List-Unsubscribe").asText()));
        assertThat(header.matches()).as(mail.get("headers").toString()).isTrue();
        assertThat(mail.get("headers").get("List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
        String body = unfolded(mail.get("body").asText());
        assertThat(body).contains(header.group(1)).contains("/t/o/").doesNotContain("href=\"" + WELCOME_LINK);
        assertThat(runtime.getActiveActivityIds(automation.getId())).containsExactly("Event_EngagementWindowPassed");

        Matcher click = CLICK.matcher(body);
        assertThat(click.find()).as(body).isTrue();
        Answer clicked = anonymous.get(click.group(1));
        assertThat(clicked.status()).isEqualTo(302);
        assertThat(clicked.header("Location")).isEqualTo(WELCOME_LINK);
        JsonNode card = card(person);
        assertThat(card.get("mailRating").asInt()).as("a click on one mailing").isEqualTo(4);
        assertThat(StreamSupport.stream(card.get("events").spliterator(), false)
                .map(e -> e.get("type").asText())).contains("CLICK");

        Answer unsubscribed = anonymous.postForm(header.group(2), "List-Unsubscribe=One-Click");
        assertThat(unsubscribed.status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> ended(automation));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(automation.getId())
                .activityId("EndEvent_AutomationStopped").finished().count()).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(automation.getId())
                .activityId("Task_CheckEngagement").count()).isZero();

        assertThat(erasures.erase(AccountId.of(TestAccounts.accountId(admin)), person)).isTrue();
        assertThat(anonymous.get(click.group(1)).status()).as("an erased person's tracking token leads nowhere")
                .isEqualTo(404);
    }

    @Test
    void anEngagedPersonIsInvitedToTheOffersListAndMarkedButNotAddedWithoutTheirConfirmation() {
        String email = address();
        SubscriberId person = signedUpAndConfirmed(email);
        ProcessInstance automation = awaitAutomation(person);
        timerPassed(automation, "Event_WelcomeDelayPassed");
        JsonNode mail = DevMailbox.of(anonymous).awaitMail(email, "Hello Ada");
        Matcher click = CLICK.matcher(unfolded(mail.get("body").asText()));
        assertThat(click.find()).isTrue();
        assertThat(anonymous.get(click.group(1)).status()).isEqualTo(302);

        timerPassed(automation, "Event_EngagementWindowPassed");
        await().atMost(PATIENCE).until(() -> ended(automation));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(automation.getId())
                .activityId("EndEvent_SeriesFinished").finished().count()).isEqualTo(1);
        JsonNode card = card(person);
        assertThat(card.get("fields").get("segment").asText()).isEqualTo("engaged");
        assertThat(StreamSupport.stream(admin.get("/api/contacts/" + person + "/audit").json().spliterator(), false)
                .filter(e -> "UPDATED".equals(e.path("action").asText())).map(e -> e.get("actor").asText()))
                .as("the change is the automation's, not the person's").containsExactly("system:automation");
        assertThat(statuses(card)).containsEntry("news", "CONFIRMED").containsEntry("offers", "PENDING");
        await().atMost(PATIENCE).until(() -> DevMailbox.of(anonymous).mails(email, "Please confirm").size() == 2);
        assertThat(DevMailbox.of(anonymous).mails(email, "Please confirm").get(0).get("body").asText())
                .as("the newest confirmation is the offers list's").contains("Acme Offers");
        assertThat(DevMailbox.of(anonymous).mails(email, "Still there?")).isEmpty();
    }

    @Test
    void aMarketersListAddNeedsConsentAndRefusesAnErasedPerson() {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", address(), "list", "news",
                "confirmed", true, "ip", "203.0.113.20", "at", Instant.now().minusSeconds(60).toString()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String person = subscribed.json().get("subscriberId").asText();
        String offers = "/api/lists/offers/subscriptions";

        Answer invited = marketer.post(offers, Map.of("subscriberId", person, "confirmed", false));
        assertThat(invited.status()).as(invited.body()).isEqualTo(202);
        assertThat(statuses(invited.json())).containsEntry("offers", "PENDING");
        Answer again = marketer.post(offers, Map.of("subscriberId", person));
        assertThat(again.status()).as("pending already: nothing changed").isEqualTo(200);

        Answer withoutEvidence = marketer.post(offers, Map.of("subscriberId", person, "confirmed", true));
        assertThat(withoutEvidence.status()).isEqualTo(400);
        assertThat(withoutEvidence.json().get("errors").findValuesAsText("field")).contains("ip", "at");
        Answer confirmed = marketer.post(offers, Map.of("subscriberId", person, "confirmed", true,
                "ip", "198.51.100.4", "at", Instant.now().minusSeconds(30).toString()));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
        assertThat(statuses(confirmed.json())).containsEntry("offers", "CONFIRMED");
        assertThat(marketer.post(offers, Map.of("subscriberId", person, "confirmed", true, "ip", "198.51.100.4",
                "at", Instant.now().toString())).status()).as("on the list already").isEqualTo(200);

        assertThat(marketer.post(offers, Map.of("subscriberId", UUID.randomUUID().toString())).status())
                .isEqualTo(404);
        assertThat(marketer.post("/api/lists/no-such-list/subscriptions", Map.of("subscriberId", person)).status())
                .isEqualTo(404);
        assertThat(marketer.post(offers, Map.of()).status()).isEqualTo(400);
        assertThat(TestAccounts.newKey(admin, "COMPLIANCE").post(offers, Map.of("subscriberId", person)).status())
                .isEqualTo(403);
        assertThat(TestAccounts.newAccount(anonymous).post(offers, Map.of("subscriberId", person)).status())
                .as("another account's contact is unknown").isEqualTo(404);

        AccountId account = AccountId.of(TestAccounts.accountId(admin));
        assertThat(erasures.erase(account, new SubscriberId(UUID.fromString(person)))).isTrue();
        Answer erased = marketer.post("/api/lists/news/subscriptions", Map.of("subscriberId", person,
                "confirmed", true, "ip", "198.51.100.4", "at", Instant.now().toString()));
        assertThat(erased.status()).isEqualTo(409);
        assertThat(erased.contentType()).startsWith("application/problem+json");
        assertThat(marketer.post(offers, Map.of("subscriberId", person)).status()).isEqualTo(409);
    }

    @Test
    void aSubscriptionAnIntegrationConfirmsEntersTheFlowsAndAnImportedOneDoesNot() {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", address(), "list", "news",
                "confirmed", true, "ip", "203.0.113.21", "at", Instant.now().minusSeconds(60).toString()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        SubscriberId integrated = new SubscriberId(UUID.fromString(subscribed.json().get("subscriberId").asText()));
        ProcessInstance automation = awaitAutomation(integrated);
        assertThat(runtime.getActiveActivityIds(automation.getId())).containsExactly("Event_WelcomeDelayPassed");

        AccountId account = AccountId.of(TestAccounts.accountId(admin));
        SubscriberId imported = subscribers.subscribeConfirmed(account,
                new Signup(address(), null, Channel.EMAIL, "news", Map.of(), Source.IMPORT, new ConsentEvidence(
                        Instant.now().minusSeconds(60), null, null, null, null, null))).subscriberId();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> runtime
                .createProcessInstanceQuery().processDefinitionKey("welcome-series")
                .variableValueEquals("subscriberId", imported.toString()).count() == 0);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("announce-confirmation")
                .variableValueEquals("subscriberId", imported.toString()).count()).isZero();
    }

    private SubscriberId signedUpAndConfirmed(String email) {
        Answer accepted = anonymous.postRaw("/f/" + form, "application/json",
                ("{\"email\":\"" + email + "\",\"firstName\":\"Ada\",\"consent\":true}")
                        .getBytes(StandardCharsets.UTF_8), Map.of("User-Agent", "AutomationJourneyIT"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String confirmation = DevMailbox.confirmationPath(DevMailbox.of(anonymous).awaitMail(email, "Please confirm"));
        assertThat(anonymous.postForm(confirmation, "").status()).isEqualTo(200);
        JsonNode found = admin.get("/api/contacts?email=" + email).json();
        return new SubscriberId(UUID.fromString(found.get(0).get("subscriberId").asText()));
    }

    private ProcessInstance awaitAutomation(SubscriberId person) {
        return await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey("welcome-series")
                .variableValueEquals("subscriberId", person.toString()).list(), l -> l.size() == 1).get(0);
    }

    /** The timer is days away: the test passes it as the job executor would when it is due. */
    private void timerPassed(ProcessInstance instance, String activityId) {
        Job timer = await().atMost(PATIENCE).until(() -> management.createJobQuery()
                .processInstanceId(instance.getId()).activityId(activityId).singleResult(), j -> j != null);
        management.executeJob(timer.getId());
    }

    private boolean ended(ProcessInstance instance) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).finished()
                .count() == 1;
    }

    private JsonNode card(SubscriberId person) {
        return admin.get("/api/contacts/" + person).json();
    }

    private static Map<String, String> statuses(JsonNode card) {
        Map<String, String> statuses = new HashMap<>();
        card.get("subscriptions").forEach(s -> statuses.put(s.get("list").asText(), s.get("status").asText()));
        return statuses;
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    /** As the Modeler's deploy button sends it: multipart with the file and the deployment's name. */
    private static Answer deploy(Api api, String fileName, String bpmn) {
        String boundary = "----modeler" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + fileName + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n"
                + "--" + boundary + "--\r\n";
        return api.postRaw("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Header folding and quoted-printable soft line breaks undone. */
    private static String unfolded(String text) {
        return text.replace("=\r\n", "").replace("=\n", "").replaceAll("\r?\n[ \t]*", "").replace("=3D", "=")
                .strip();
    }

    private static String address() {
        return "automation-" + UUID.randomUUID() + "@example.dk";
    }
}
