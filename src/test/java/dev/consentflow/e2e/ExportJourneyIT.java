package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Api.Download;
import dev.consentflow.support.TestAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.FormService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Exports as operators, account admins and compliance officers meet them through HTTP: an operator's export
 * waits for the account's approval and expires; a person's access request is due in a month, escalates when
 * late, and is answered by the download. Timers are fired the way the job executor fires them, only sooner.
 */
@IntegrationTest
class ExportJourneyIT {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    TaskService tasks;

    @Autowired
    FormService forms;

    @Autowired
    HistoryService history;

    Api admin;
    Api operator;
    String accountId;
    String list;
    String anna;

    @BeforeEach
    void account() {
        admin = TestAccounts.newAccount(Api.at(port));
        operator = admin.as(Api.OPERATOR_KEY);
        accountId = TestAccounts.accountId(admin);
        list = "news-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "News")).status()).isEqualTo(201);
        anna = subscribe("anna@example.dk");
        subscribe("bert@example.dk");
    }

    @Test
    void anOperatorsExportIsReleasedOnlyAfterTheAccountApprovesAndOnlyForAWhile() throws IOException {
        Answer requested = operator.post("/api/export-requests",
                Map.of("account", accountId, "list", list, "format", "csv"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        assertThat(requested.json().get("status").asText()).isEqualTo("PENDING_APPROVAL");
        String id = requested.json().get("id").asText();

        assertProblem(operator.get("/api/export-requests/" + id + "/download"), 403);
        assertThat(admin.get("/api/export-requests").json().findValuesAsText("id")).containsExactly(id);
        var task = tasks.createTaskQuery().processInstanceBusinessKey(id)
                .taskCandidateGroup("account-admins-" + accountId).singleResult();
        assertThat(task).isNotNull();
        try (InputStream form = forms.getDeployedTaskForm(task.getId())) {
            assertThat(new ObjectMapper().readTree(form).get("id").asText()).isEqualTo("export-approval");
        }

        assertProblem(operator.post("/api/export-requests/" + id + "/approve", Map.of()), 403);
        assertProblem(TestAccounts.newAccount(Api.at(port)).post("/api/export-requests/" + id + "/approve",
                Map.of()), 404);
        Answer approved = admin.post("/api/export-requests/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(Instant.parse(approved.json().get("releaseExpiresAt").asText())).isAfter(Instant.now());
        assertProblem(admin.post("/api/export-requests/" + id + "/reject", Map.of()), 409);

        Download file = operator.download("/api/export-requests/" + id + "/download");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).startsWith("attachment; filename=\"list-" + list);
        assertThat(file.text()).contains("anna@example.dk", "bert@example.dk", "\"203.0.113.7\"");
        assertThat(file.text().lines()).hasSize(3);
        assertThat(operator.get("/api/contacts/" + anna).json().get("email").asText())
                .contains("*").isNotEqualTo("anna@example.dk");
        assertThat(operator.get("/api/export-requests/" + id).json().get("downloads").asInt()).isEqualTo(1);

        fire(id, "Event_ReleaseRanOut");
        assertThat(operator.get("/api/export-requests/" + id).json().get("status").asText()).isEqualTo("EXPIRED");
        assertProblem(operator.get("/api/export-requests/" + id + "/download"), 410);
        assertThat(ended(id)).isTrue();

        List<String> actions = audit("requestId", id);
        // The request's own EXPORTED entry, then one about each of the two people in the file (issue 20 part 3).
        assertThat(actions).containsExactly("EXPORT_REQUESTED", "EXPORT_APPROVED", "EXPORTED", "EXPORTED", "EXPORTED",
                "EXPORT_EXPIRED");
    }

    @Test
    void eachPersonInAnOperatorsApprovedExportHasAnExportedEntryNamingTheOperatorAndTheRequestAndTheChainHolds() {
        String bert = admin.get("/api/contacts?email=bert@example.dk").json().get(0).get("subscriberId").asText();
        String elsewhere = subscribeIn(admin, "other-" + list, "carl@example.dk", true);
        String id = operator.post("/api/export-requests", Map.of("account", accountId, "format", "csv"))
                .json().get("id").asText();
        assertThat(admin.post("/api/export-requests/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        Download file = operator.download("/api/export-requests/" + id + "/download");
        assertThat(file.status()).isEqualTo(200);
        String operatorActor = StreamSupport.stream(admin.get("/api/audit?action=EXPORT_REQUESTED").json()
                .spliterator(), false).filter(e -> id.equals(e.get("detail").get("requestId").asText()))
                .findFirst().orElseThrow().get("actor").asText();

        for (String person : List.of(anna, bert, elsewhere)) {
            List<JsonNode> exported = StreamSupport.stream(admin.get("/api/contacts/" + person + "/audit").json()
                            .spliterator(), false)
                    .filter(e -> "EXPORTED".equals(e.get("action").asText())).toList();
            assertThat(exported).as(person).hasSize(1);
            JsonNode entry = exported.get(0);
            assertThat(entry.get("actor").asText()).isEqualTo(operatorActor).startsWith("operator:");
            assertThat(entry.get("detail").get("requestId").asText()).isEqualTo(id);
            assertThat(entry.get("detail").get("scope").asText()).isEqualTo("account");
            assertThat(entry.get("detail").get("approvedBy").asText()).startsWith("admin:");
        }
        // A person in the whole-account export with two subscriptions still gets one entry: asserted above for
        // everyone. The account's chain verifies with the bulk entries in it.
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
    }

    @Test
    void aRejectedExportOfAPersonIsNeverReleased() {
        Answer requested = operator.post("/api/export-requests",
                Map.of("account", accountId, "subscriberId", anna, "format", "json"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        String id = requested.json().get("id").asText();

        Answer rejected = admin.post("/api/export-requests/" + id + "/reject", Map.of());

        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        assertProblem(operator.get("/api/export-requests/" + id + "/download"), 403);
        assertProblem(admin.post("/api/export-requests/" + id + "/approve", Map.of()), 409);
        assertThat(ended(id)).isTrue();
        assertThat(audit("requestId", id)).containsExactly("EXPORT_REQUESTED", "EXPORT_REJECTED");
        assertThat(admin.get("/api/contacts/" + anna + "/audit").json().findValuesAsText("action"))
                .contains("EXPORT_REQUESTED", "EXPORT_REJECTED").doesNotContain("EXPORTED");
    }

    @Test
    void anApprovedExportOfAPersonIsTheWholeUnmaskedRecord() {
        String id = operator.post("/api/export-requests",
                Map.of("account", accountId, "subscriberId", anna, "format", "json")).json().get("id").asText();
        admin.post("/api/export-requests/" + id + "/approve", Map.of());

        Download file = operator.download("/api/export-requests/" + id + "/download");

        assertThat(file.status()).isEqualTo(200);
        JsonNode record = file.json();
        assertThat(record.get("subscriberId").asText()).isEqualTo(anna);
        assertThat(record.get("email").asText()).isEqualTo("anna@example.dk");
        assertThat(record.get("audit").findValuesAsText("action")).contains("EXPORT_REQUESTED", "EXPORT_APPROVED");
        assertThat(history.createHistoricVariableInstanceQuery().variableValueEquals("subscriberId", anna).list())
                .extracting(v -> history.createHistoricProcessInstanceQuery()
                        .processInstanceId(v.getProcessInstanceId()).singleResult().getBusinessKey())
                .contains(id);
    }

    @Test
    void aRequestNobodyDecidesExpires() {
        String id = operator.post("/api/export-requests", Map.of("account", accountId, "format", "xlsx"))
                .json().get("id").asText();

        fire(id, "BoundaryEvent_DecisionOverdue");

        assertThat(admin.get("/api/export-requests/" + id).json().get("status").asText()).isEqualTo("EXPIRED");
        assertProblem(operator.get("/api/export-requests/" + id + "/download"), 410);
        assertProblem(admin.post("/api/export-requests/" + id + "/approve", Map.of()), 409);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).isZero();
        assertThat(audit("requestId", id)).containsExactly("EXPORT_REQUESTED", "EXPORT_EXPIRED");
    }

    @Test
    void badExportRequestsAreRefused() {
        Api other = TestAccounts.newAccount(Api.at(port));
        assertThat(other.post("/api/lists", Map.of("key", "x", "name", "x")).status()).isEqualTo(201);
        String foreign = subscribeIn(other, "x", "zoe@example.dk");

        assertProblem(operator.post("/api/export-requests", Map.of("account", UUID.randomUUID(), "format", "csv")), 404);
        assertProblem(operator.post("/api/export-requests",
                Map.of("account", accountId, "list", "no-such-list", "format", "csv")), 404);
        assertProblem(operator.post("/api/export-requests",
                Map.of("account", accountId, "subscriberId", foreign, "format", "json")), 404);
        assertProblem(operator.post("/api/export-requests",
                Map.of("account", accountId, "list", list, "format", "pdf")), 400);
        assertProblem(operator.post("/api/export-requests",
                Map.of("account", accountId, "subscriberId", anna, "format", "csv")), 400);
        assertProblem(operator.post("/api/export-requests",
                Map.of("account", accountId, "list", list, "subscriberId", anna, "format", "json")), 400);
        assertProblem(operator.post("/api/export-requests", Map.of("list", list, "format", "csv")), 400);
        assertProblem(operator.post("/api/export-requests", Map.of("account", "not-a-uuid", "format", "csv")), 400);
        assertProblem(admin.post("/api/export-requests", Map.of("account", accountId, "format", "csv")), 403);
        assertProblem(operator.get("/api/export-requests"), 403);
        assertProblem(operator.get("/api/export-requests/" + UUID.randomUUID() + "/download"), 404);

        String id = operator.post("/api/export-requests", Map.of("account", accountId, "format", "csv"))
                .json().get("id").asText();
        assertProblem(other.get("/api/export-requests/" + id), 404);
        assertProblem(admin.get("/api/export-requests/" + id + "/download"), 403);
        assertThat(other.get("/api/export-requests").json()).isEmpty();
    }

    @Test
    void anAccessRequestIsDueInAMonthEscalatesWhenLateAndIsAnsweredByTheDownload() {
        Api compliance = TestAccounts.newKey(admin, "COMPLIANCE");
        Answer opened = compliance.post("/api/access-requests", Map.of("subscriberId", anna));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode request = opened.json();
        String id = request.get("id").asText();
        Instant requestedAt = Instant.parse(request.get("requestedAt").asText());
        assertThat(Instant.parse(request.get("dueAt").asText()))
                .isEqualTo(requestedAt.atOffset(ZoneOffset.UTC).plus(Period.ofMonths(1)).toInstant());
        assertThat(request.get("status").asText()).isEqualTo("OPEN");
        assertThat(compliance.get("/api/access-requests?overdue=true").json().findValuesAsText("id"))
                .doesNotContain(id);

        fire(id, "BoundaryEvent_DeadlinePassed");

        JsonNode overdue = compliance.get("/api/access-requests?overdue=true").json();
        assertThat(overdue.findValuesAsText("id")).containsExactly(id);
        assertThat(overdue.get(0).get("escalatedAt").isNull()).isFalse();
        assertThat(admin.get("/api/contacts/" + anna + "/audit").json().findValuesAsText("action"))
                .contains("ACCESS_REQUESTED", "ACCESS_OVERDUE");

        Download delivered = compliance.download("/api/access-requests/" + id + "/download?format=json");

        assertThat(delivered.status()).isEqualTo(200);
        assertThat(delivered.json().get("email").asText()).isEqualTo("anna@example.dk");
        JsonNode answered = compliance.get("/api/access-requests/" + id).json();
        assertThat(answered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(answered.get("deliveredBy").asText()).startsWith("compliance:");
        assertThat(answered.get("overdue").asBoolean()).isFalse();
        assertThat(ended(id)).isTrue();
        assertThat(audit("requestId", id)).containsExactly("ACCESS_REQUESTED", "ACCESS_OVERDUE", "ACCESS_DELIVERED");
        assertThat(admin.get("/api/contacts/" + anna + "/audit").json().findValuesAsText("action"))
                .contains("EXPORTED", "ACCESS_DELIVERED");
    }

    @Test
    void accessRequestsAreForAdminsAndComplianceOfTheAccount() {
        assertProblem(operator.post("/api/access-requests", Map.of("subscriberId", anna)), 403);
        assertProblem(TestAccounts.newKey(admin, "MARKETER").post("/api/access-requests",
                Map.of("subscriberId", anna)), 403);
        assertProblem(TestAccounts.newAccount(Api.at(port)).post("/api/access-requests",
                Map.of("subscriberId", anna)), 404);
        assertProblem(admin.post("/api/access-requests", Map.of()), 400);
        String id = admin.post("/api/access-requests", Map.of("subscriberId", anna)).json().get("id").asText();
        assertProblem(admin.get("/api/access-requests/" + id + "/download?format=csv"), 400);
        assertProblem(TestAccounts.newAccount(Api.at(port)).get("/api/access-requests/" + id), 404);
        assertProblem(operator.get("/api/access-requests/" + id + "/download?format=json"), 403);
        assertThat(admin.get("/api/access-requests").json().findValuesAsText("id")).containsExactly(id);
    }

    /** Fires the timer of a request's process now, as the job executor would when it is due. */
    private void fire(String requestId, String activityId) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult()
                .getId();
        Job job = management.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult();
        assertThat(job).as("timer " + activityId).isNotNull();
        management.executeJob(job.getId());
    }

    private boolean ended(String requestId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(requestId).finished()
                .count() == 1;
    }

    /** The actions of the account's audit entries whose detail names this value, oldest first. */
    private List<String> audit(String detailName, String value) {
        JsonNode entries = admin.get("/api/audit?limit=10000").json();
        return java.util.stream.StreamSupport.stream(entries.spliterator(), false)
                .filter(e -> e.get("detail").has(detailName) && e.get("detail").get(detailName).asText().equals(value))
                .map(e -> e.get("action").asText())
                .toList();
    }

    private String subscribe(String email) {
        return subscribeIn(admin, list, email);
    }

    private String subscribeIn(Api client, String listKey, String email, boolean newList) {
        if (newList) {
            assertThat(client.post("/api/lists", Map.of("key", listKey, "name", "Other")).status()).isEqualTo(201);
        }
        return subscribeIn(client, listKey, email);
    }

    private static String subscribeIn(Api client, String listKey, String email) {
        Answer answer = client.post("/api/subscriptions", Map.of("email", email, "list", listKey, "confirmed", true,
                "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("subscriberId").asText();
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
