package dev.consentflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.RecipientDirectory;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.FormService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The erasure on the whole server, through HTTP as a compliance officer meets it: the tombstone within seconds,
 * found by the full address only, the four-eyes approval, the person's other processes and queued mail, the
 * timeline that joins the audit log with the engine's history, and the chain that still verifies.
 */
@IntegrationTest
class GdprErasureIT {

    private static final String AUTOMATION = "erasure-it-automation";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatch dispatch;

    @Autowired
    RecipientDirectory recipients;

    @Autowired
    ProcessRuntime processes;

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TaskService taskService;

    @Autowired
    FormService formService;

    Api admin;
    Api compliance;
    String list;

    @BeforeEach
    void keysAndList() {
        admin = Api.at(port).as(Api.ADMIN_KEY);
        compliance = TestAccounts.newKey(admin, "COMPLIANCE");
        list = list(admin);
    }

    @Test
    void withinSecondsTheCardIsATombstoneFoundByTheFullAddressOnly() {
        String email = "Erase.Me." + UUID.randomUUID().toString().substring(0, 8) + "@erasure-example.dk";
        String mobile = mobile();
        JsonNode subscribed = subscribeConfirmed(admin, email, mobile, list, Map.of("firstName", "Gertrud"));
        String id = subscribed.get("subscriberId").asText();
        assertThat(admin.patch("/api/contacts/" + id, Map.of("fields", Map.of("city", "Vesterbro"))).status())
                .isEqualTo(200);
        assertThat(admin.get("/api/contacts/" + id).json().get("events")).isNotEmpty();

        Answer requested = compliance.post("/api/contacts/" + id + "/erase", Map.of("reason", "Gertrud called us"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        String requestId = requested.json().get("requestId").asText();
        assertThat(UUID.fromString(requestId)).isNotNull();

        JsonNode card = awaitErased(admin, id);
        assertThat(card.get("email").isNull()).isTrue();
        assertThat(card.get("mobile").isNull()).isTrue();
        assertThat(card.get("fields")).isEmpty();
        assertThat(card.get("events")).isEmpty();
        assertThat(card.get("erasedAt").isNull()).isFalse();
        JsonNode subscription = card.get("subscriptions").get(0);
        assertThat(subscription.get("list").asText()).isEqualTo(list);
        assertThat(subscription.get("status").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(subscription.get("subscribedAt").asText()).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(subscription.get("subscribeIp").asText()).isEqualTo("203.0.113.7");
        assertThat(subscription.get("confirmedAt").asText()).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(subscription.get("confirmIp").asText()).isEqualTo("203.0.113.7");
        assertThat(subscription.get("channel").isNull()).isTrue();

        JsonNode found = admin.get("/api/contacts?email=" + email.toUpperCase()).json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("subscriberId").asText()).isEqualTo(id);
        assertThat(found.get(0).get("permission").asText()).isEqualTo("DELETED");
        assertThat(admin.get("/api/contacts?email=" + email.substring(1)).json()).isEmpty();
        assertThat(admin.get("/api/contacts?email=" + email.substring(0, email.indexOf('@'))).json()).isEmpty();
        JsonNode byMobile = admin.get("/api/contacts?mobile=" + mobile.replace("+", "%2B")).json();
        assertThat(byMobile).as("findable by the full mobile number too").hasSize(1);
        assertThat(byMobile.get(0).get("subscriberId").asText()).isEqualTo(id);
        assertThat(admin.get("/api/contacts?mobile=" + mobile.substring(0, mobile.length() - 1).replace("+", "%2B"))
                .json()).isEmpty();

        JsonNode request = compliance.get("/api/erasure-requests/" + requestId).json();
        assertThat(request.get("status").asText()).isEqualTo("ERASED");
        assertThat(request.get("reason").isNull()).as("the reason is deleted when the erasure ends").isTrue();
        assertThat(actions(id, "ERASURE_REQUESTED")).isEqualTo(1);
        assertThat(actions(id, "ERASED")).isEqualTo(1);
        JsonNode erased = entries(id, "ERASED").get(0);
        assertThat(erased.get("detail").get("requestId").asText()).isEqualTo(requestId);
        assertThat(erased.get("detail").get("tombstoneWritten").asBoolean()).isTrue();
        assertThat(erased.toString()).doesNotContain("Gertrud", "erasure-example", mobile.substring(1));
        assertThat(verify(admin).get("valid").asBoolean()).isTrue();
    }

    @Test
    void theTimelineJoinsTheAuditLogWithEveryProcessThatActedOnThePersonOldestFirstAfterTheErasure() {
        JsonNode subscribed = subscribeConfirmed(admin, address(), null, list, Map.of());
        String id = subscribed.get("subscriberId").asText();
        String automation = startAutomation(id);

        erase(compliance, id);
        awaitErased(admin, id);

        JsonNode timeline = admin.get("/api/contacts/" + id + "/audit").json();
        List<JsonNode> entries = StreamSupport.stream(timeline.spliterator(), false).toList();
        List<Instant> times = entries.stream().map(e -> Instant.parse(e.get("at").asText())).toList();
        assertThat(times).isSorted();
        assertThat(entries).filteredOn(e -> "audit".equals(e.get("source").asText()))
                .extracting(e -> e.get("action").asText())
                .contains("SUBSCRIBED", "CONFIRMED", "ERASURE_REQUESTED", "ERASED");
        List<JsonNode> engine = entries.stream().filter(e -> "engine".equals(e.get("source").asText())).toList();
        assertThat(engine).filteredOn(e -> "gdpr-erasure".equals(e.get("process").asText()))
                .extracting(e -> e.get("activity").asText() + ":" + e.get("outcome").asText())
                .contains("StartEvent_ErasureRequested:COMPLETED", "Task_EndPersonsProcesses:COMPLETED",
                        "Task_EraseContact:COMPLETED", "Task_SealErasure:COMPLETED", "EndEvent_ContactErased:COMPLETED");
        assertThat(engine).filteredOn(e -> automation.equals(e.get("processInstanceId").asText()))
                .extracting(e -> e.get("activity").asText() + ":" + e.get("outcome").asText())
                .contains("Event_WaitedADay:CANCELED");
        assertThat(engine).allSatisfy(e -> assertThat(e.get("at").isNull()).isFalse());
        int requestedAt = indexOf(entries, "audit", "ERASURE_REQUESTED");
        int erasedAt = indexOf(entries, "audit", "ERASED");
        assertThat(requestedAt).isLessThan(erasedAt);
    }

    @Test
    void theErasureEndsThePersonsRunningAutomationAndSuppressesTheirQueuedMail() {
        JsonNode subscribed = subscribeConfirmed(admin, address(), null, list, Map.of("firstName", "Gertrud"));
        String id = subscribed.get("subscriberId").asText();
        UUID subscriptionId = UUID.fromString(subscribed.get("subscriptionId").asText());
        AccountId account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        String automation = startAutomation(id);
        String someoneElses = startAutomation(UUID.randomUUID().toString());
        UUID queued = transactions.execute(status -> {
            UUID message = dispatch.enqueue(campaignMail(account, UUID.fromString(id), subscriptionId));
            // Not due for an hour: it waits in the outbox, as a campaign's tail or a retry would.
            jdbc.sql("update dispatch_outbox set next_attempt_at = now() + interval '1 hour' where id = :id")
                    .param("id", message).update();
            return message;
        });

        erase(compliance, id);
        awaitErased(admin, id);

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(automation).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(someoneElses).count()).isOne();
        assertThat(dispatch.state(account, queued)).contains(MessageState.SUPPRESSED);
        assertThat(jdbc.sql("select not exists (select 1 from dispatch_outbox_content where message_id = :id)")
                .param("id", queued)
                .query(Boolean.class).single()).as("the content of suppressed mail is deleted").isTrue();
        assertThat(recipients.resolve(account, UUID.fromString(id), subscriptionId, Channel.EMAIL, Purpose.CAMPAIGN))
                .isEmpty();

        // A campaign that still had the person in its frozen audience: its mail is suppressed at send time.
        UUID late = transactions.execute(status ->
                dispatch.enqueue(campaignMail(account, UUID.fromString(id), subscriptionId)));
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatch.state(account, late)
                .filter(state -> state == MessageState.SUPPRESSED).isPresent());
        JsonNode erased = entries(id, "ERASED").get(0).get("detail");
        assertThat(erased.get("processesEnded").asInt()).isEqualTo(1);
        assertThat(erased.get("messagesSuppressed").asInt()).isEqualTo(1);
    }

    @Test
    void fourEyesAnErasureWaitsForAnotherKeysApprovalAndARejectionErasesNothing() {
        Api otherAdmin = TestAccounts.newAccount(Api.at(port));
        Api otherCompliance = TestAccounts.newKey(otherAdmin, "COMPLIANCE");
        String otherList = list(otherAdmin);
        assertThat(otherCompliance.put("/api/erasure-settings", Map.of("approvalRequired", true)).status())
                .as("only an admin switches it").isEqualTo(403);
        Answer switched = otherAdmin.put("/api/erasure-settings", Map.of("approvalRequired", true));
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        assertThat(otherCompliance.get("/api/erasure-settings").json().get("approvalRequired").asBoolean()).isTrue();
        assertThat(admin.get("/api/erasure-settings").json().get("approvalRequired").asBoolean())
                .as("per account").isFalse();

        String approvedId = subscribeConfirmed(otherAdmin, address(), null, otherList, Map.of())
                .get("subscriberId").asText();
        Answer requested = otherCompliance.post("/api/contacts/" + approvedId + "/erase",
                Map.of("reason", "Asked by phone"));
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.json().get("status").asText()).isEqualTo("PENDING_APPROVAL");
        String requestId = requested.json().get("requestId").asText();
        JsonNode pending = otherAdmin.get("/api/erasure-requests?status=PENDING_APPROVAL").json();
        assertThat(pending).extracting(r -> r.get("id").asText()).contains(requestId);
        assertThat(pending.get(0).get("reason").asText()).isEqualTo("Asked by phone");
        assertThat(otherAdmin.get("/api/contacts/" + approvedId).json().get("permission").asText())
                .isEqualTo("CONFIRMED");
        assertThat(otherCompliance.post("/api/erasure-requests/" + requestId + "/approve", Map.of()).status())
                .as("the requester's own key cannot approve").isEqualTo(409);
        assertThat(admin.post("/api/erasure-requests/" + requestId + "/approve", Map.of()).status())
                .as("another account's key does not see the request").isEqualTo(404);

        Answer approved = otherAdmin.post("/api/erasure-requests/" + requestId + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        awaitErased(otherAdmin, approvedId);
        assertThat(otherAdmin.post("/api/erasure-requests/" + requestId + "/reject", Map.of()).status())
                .isEqualTo(409);
        JsonNode approval = entries(otherAdmin, approvedId, "ERASURE_APPROVED").get(0);
        assertThat(approval.get("actor").asText()).startsWith("admin:");
        assertThat(entries(otherAdmin, approvedId, "ERASED").get(0).get("detail").get("approvedBy").asText())
                .isEqualTo(approval.get("actor").asText());

        String rejectedId = subscribeConfirmed(otherAdmin, address(), null, otherList, Map.of())
                .get("subscriberId").asText();
        String rejectedRequest = erase(otherCompliance, rejectedId);
        Answer rejected = otherAdmin.post("/api/erasure-requests/" + rejectedRequest + "/reject", Map.of());
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("reason").isNull()).isTrue();
        JsonNode card = otherAdmin.get("/api/contacts/" + rejectedId).json();
        assertThat(card.get("permission").asText()).isEqualTo("CONFIRMED");
        assertThat(card.get("email").isNull()).isFalse();
        assertThat(entries(otherAdmin, rejectedId, "ERASURE_REJECTED")).hasSize(1);
        assertThat(entries(otherAdmin, rejectedId, "ERASED")).isEmpty();
        assertThat(otherAdmin.get("/api/contacts/" + rejectedId + "/audit").json().toString())
                .contains("EndEvent_ErasureRefused");
        assertThat(erase(otherCompliance, rejectedId)).as("a rejected request can be made again")
                .isNotEqualTo(rejectedRequest);
        assertThat(verify(otherAdmin).get("valid").asBoolean()).isTrue();
    }

    /**
     * What an ADMIN or MARKETER key could do through {@code /engine-rest}: complete the approval task, or start
     * the process with variables of its choosing. The engine's REST API runs such calls without a signed-in engine
     * user, as the engine's services here do (a key is signed in to the engine as its account, without a user id;
     * EngineTenancyIT completes the task through HTTP).
     */
    @Test
    void theEngineAloneNeitherDecidesNorStartsAnErasure() throws Exception {
        Api otherAdmin = TestAccounts.newAccount(Api.at(port));
        assertThat(otherAdmin.put("/api/erasure-settings", Map.of("approvalRequired", true)).status()).isEqualTo(200);
        String otherList = list(otherAdmin);
        String pendingId = subscribeConfirmed(otherAdmin, address(), null, otherList, Map.of())
                .get("subscriberId").asText();
        String requestId = erase(otherAdmin, pendingId);
        String pendingInstance = otherAdmin.get("/api/erasure-requests/" + requestId).json().get("processInstanceId")
                .asText();
        String task = taskService.createTaskQuery().processInstanceId(pendingInstance).singleResult().getId();
        try (var form = formService.getDeployedTaskForm(task)) {
            assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the tasklist's form, deployed from forms/ with the server").contains("\"erasure-approval\"");
        }

        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                taskService.complete(task, Map.of("erasureDecision", "APPROVED"))))
                .hasMessageContaining("signed-in tasklist user");

        assertThat(otherAdmin.get("/api/erasure-requests/" + requestId).json().get("status").asText())
                .isEqualTo("PENDING_APPROVAL");
        assertThat(taskService.createTaskQuery().processInstanceId(pendingInstance).count()).isOne();

        String victim = subscribeConfirmed(otherAdmin, address(), null, otherList, Map.of()).get("subscriberId").asText();
        String businessKey = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transactions.execute(status -> runtime.startProcessInstanceByKey("gdpr-erasure",
                businessKey, Map.of("accountId", TestAccounts.accountId(otherAdmin),
                        "subscriberId", victim, "approvalRequired", false)).getId()))
                .as("the start runs into the check, which finds no request").hasMessageContaining("erasure request");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
        assertThat(otherAdmin.get("/api/contacts/" + victim).json().get("permission").asText())
                .isEqualTo("CONFIRMED");
        assertThat(entries(otherAdmin, victim, "ERASED")).isEmpty();
        // Nor by naming an erased person's finished request: it has its instance, so no other instance claims it.
        String erasedId = subscribeConfirmed(admin, address(), null, list, Map.of()).get("subscriberId").asText();
        String erasedRequest = erase(admin, erasedId);
        assertThatThrownBy(() -> transactions.execute(status -> runtime.startProcessInstanceByKey("gdpr-erasure",
                erasedRequest, Map.of("accountId", TestAccounts.accountId(admin), "subscriberId", erasedId,
                        "approvalRequired", false)).getId())).hasMessageContaining("does not allow instance");
        assertThat(actions(erasedId, "ERASED")).isEqualTo(1);
    }

    @Test
    void onlyAdminsAndComplianceOfficersEraseAndARepeatedRequestAnswersTheOpenOne() {
        String id = subscribeConfirmed(admin, address(), null, list, Map.of()).get("subscriberId").asText();
        Api marketer = TestAccounts.newKey(admin, "MARKETER");
        Api operator = admin.as(Api.OPERATOR_KEY);

        assertThat(marketer.post("/api/contacts/" + id + "/erase", Map.of()).status()).isEqualTo(403);
        assertThat(operator.post("/api/contacts/" + id + "/erase", Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/api/contacts/" + UUID.randomUUID() + "/erase", Map.of()).status()).isEqualTo(404);
        assertThat(admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "x".repeat(1001))).status())
                .isEqualTo(400);
        assertThat(TestAccounts.newAccount(Api.at(port)).post("/api/contacts/" + id + "/erase", Map.of()).status())
                .as("a foreign id is unknown").isEqualTo(404);

        List<String> requests = new ArrayList<>();
        requests.add(erase(admin, id));
        awaitErased(admin, id);
        Answer again = admin.post("/api/contacts/" + id + "/erase", Map.of());
        assertThat(again.status()).as("an erased contact").isEqualTo(409);
        assertThat(actions(id, "ERASED")).isEqualTo(1);
        assertThat(actions(id, "ERASURE_REQUESTED")).isEqualTo(requests.size());
    }

    // --- helpers

    private JsonNode subscribeConfirmed(Api api, String email, String mobile, String listKey,
                                        Map<String, String> fields) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "list", listKey, "fields", fields,
                "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        if (mobile != null) {
            body.put("mobile", mobile);
        }
        Answer answer = api.post("/api/subscriptions", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    static String erase(Api api, String subscriberId) {
        Answer answer = api.post("/api/contacts/" + subscriberId + "/erase", Map.of("reason", "asked by mail"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("requestId").asText();
    }

    static JsonNode awaitErased(Api api, String subscriberId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/contacts/" + subscriberId).json(),
                card -> "DELETED".equals(card.get("permission").asText()));
    }

    private long actions(String subscriberId, String action) {
        return entries(subscriberId, action).size();
    }

    private List<JsonNode> entries(String subscriberId, String action) {
        return entries(admin, subscriberId, action);
    }

    static List<JsonNode> entries(Api api, String subscriberId, String action) {
        JsonNode audit = api.get("/api/contacts/" + subscriberId + "/audit").json();
        return StreamSupport.stream(audit.spliterator(), false)
                .filter(e -> "audit".equals(e.get("source").asText()) && action.equals(e.get("action").asText()))
                .toList();
    }

    private static int indexOf(List<JsonNode> entries, String source, String action) {
        for (int i = 0; i < entries.size(); i++) {
            if (source.equals(entries.get(i).get("source").asText())
                    && action.equals(entries.get(i).path("action").asText())) {
                return i;
            }
        }
        return -1;
    }

    static JsonNode verify(Api api) {
        return api.get("/api/audit/verify").json();
    }

    /** A running automation flow of the person in the admin's account: it waits a day, carrying their subscriber id. */
    private String startAutomation(String subscriberId) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(AUTOMATION).count() == 0) {
            repository.createDeployment().addModelInstance(AUTOMATION + ".bpmn",
                    Bpmn.createExecutableProcess(AUTOMATION).operatonHistoryTimeToLive(1)
                            .startEvent("StartEvent_Subscribed")
                            .intermediateCatchEvent("Event_WaitedADay").timerWithDuration("P1D")
                            .endEvent("EndEvent_Done").done()).deploy();
        }
        return transactions.execute(status -> processes.start(AUTOMATION, UUID.randomUUID().toString(),
                Map.of("accountId", TestAccounts.accountId(admin), "subscriberId", subscriberId)));
    }

    private static OutboundMessage campaignMail(AccountId account, UUID subscriberId, UUID subscriptionId) {
        return new OutboundMessage(account, subscriberId, subscriptionId, Channel.EMAIL, Purpose.CAMPAIGN,
                "campaign-" + UUID.randomUUID(), new OutboundMessage.Content("Hi Gertrud", "Dear Gertrud", null),
                "http://localhost/u/not-a-real-token", "news.erasure.example");
    }

    static String list(Api api) {
        String key = "erase-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/lists", Map.of("key", key, "name", "Erasure news")).status()).isEqualTo(201);
        return key;
    }

    static String address() {
        return "erasure-" + UUID.randomUUID() + "@example.dk";
    }

    static String mobile() {
        return "+4571" + (100000 + (int) (Math.random() * 899999));
    }
}
