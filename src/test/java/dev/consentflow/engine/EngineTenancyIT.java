package dev.consentflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Deployments;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One engine, many accounts (API.md section 2): through {@code /engine-rest} a key sees and changes its own
 * account's instances, tasks, history, jobs and deployments only, as if no other account existed, and an
 * account's automation flow hears that account's messages only.
 */
@IntegrationTest
class EngineTenancyIT {

    @LocalServerPort
    int port;

    Api anonymous;
    Api adminA;
    Api marketerA;
    String accountA;
    Api adminB;
    Api marketerB;
    String accountB;

    @BeforeEach
    void twoAccounts() {
        anonymous = Api.at(port);
        adminA = TestAccounts.newAccount(anonymous);
        marketerA = TestAccounts.newKey(adminA, "MARKETER");
        accountA = TestAccounts.accountId(adminA);
        adminB = TestAccounts.newAccount(anonymous);
        marketerB = TestAccounts.newKey(adminB, "MARKETER");
        accountB = TestAccounts.accountId(adminB);
    }

    @Test
    void anotherAccountsKeyFindsNoneOfItsInstancesHistoryVariablesOrJobsAndCannotTouchThem() {
        String list = list(adminA);
        subscribe(adminA, list, address());
        List<JsonNode> instances = await().atMost(Duration.ofSeconds(30))
                .until(() -> items(marketerA.get("/engine-rest/process-instance?processDefinitionKey=double-opt-in")),
                        found -> found.size() == 1);
        String instance = instances.get(0).get("id").asText();
        assertThat(instances.get(0).get("tenantId").asText()).as("the instance carries its account").isEqualTo(accountA);
        assertThat(items(marketerA.get("/engine-rest/job?processInstanceId=" + instance))).isNotEmpty();

        assertThat(marketerB.get("/engine-rest/process-instance/" + instance).status()).isEqualTo(404);
        assertThat(marketerB.get("/engine-rest/process-instance/" + instance + "/variables").status()).isEqualTo(404);
        assertThat(items(marketerB.get("/engine-rest/process-instance?processDefinitionKey=double-opt-in"))).isEmpty();
        assertThat(items(marketerB.get("/engine-rest/process-instance"))).isEmpty();
        assertThat(marketerB.get("/engine-rest/history/process-instance/" + instance).status()).isEqualTo(404);
        assertThat(items(marketerB.get("/engine-rest/history/process-instance?processInstanceId=" + instance))).isEmpty();
        assertThat(items(marketerB.get("/engine-rest/history/activity-instance?processInstanceId=" + instance))).isEmpty();
        assertThat(items(marketerB.get("/engine-rest/history/variable-instance?processInstanceId=" + instance))).isEmpty();
        assertThat(items(marketerB.get("/engine-rest/variable-instance?processInstanceIdIn=" + instance))).isEmpty();
        assertThat(items(marketerB.get("/engine-rest/job?processInstanceId=" + instance))).isEmpty();
        assertThat(items(marketerB.get("/engine-rest/execution?processInstanceId=" + instance))).isEmpty();

        Answer correlated = marketerB.post("/engine-rest/message", Map.of("messageName", "subscription.confirmationReceived",
                "processInstanceId", instance));
        assertThat(correlated.status()).as(correlated.body()).isBetween(400, 404);
        assertThat(marketerB.delete("/engine-rest/process-instance/" + instance).status()).isEqualTo(404);
        assertThat(marketerB.put("/engine-rest/process-instance/" + instance + "/variables/accountId",
                Map.of("value", accountB, "type", "String")).status()).as("no key writes variables").isEqualTo(403);
        assertThat(marketerB.put("/engine-rest/process-instance/" + instance + "/suspended",
                Map.of("suspended", true)).status()).isEqualTo(404);

        Answer batch = marketerB.post("/engine-rest/process-instance/delete",
                Map.of("processInstanceIds", List.of(instance), "deleteReason", "mallory"));
        assertThat(batch.status()).as("batches run outside the key's tenant: " + batch.body()).isEqualTo(403);
        assertThat(marketerA.post("/engine-rest/process-instance/delete", Map.of("processInstanceIds", List.of(instance),
                "deleteReason", "own")).status()).as("not even on the account's own instances").isEqualTo(403);

        Answer still = marketerA.get("/engine-rest/process-instance/" + instance);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().get("suspended").asBoolean()).isFalse();
        assertThat(marketerA.get("/engine-rest/process-instance/" + instance + "/variables/accountId").json()
                .get("value").asText()).isEqualTo(accountA);
    }

    @Test
    void anAccountsOwnKeyNeverDrivesThePlatformsProcessesSoNoKeyConfirmsForThePerson() {
        String list = list(adminA);
        String email = address();
        subscribe(adminA, list, email);
        List<JsonNode> instances = await().atMost(Duration.ofSeconds(30))
                .until(() -> items(marketerA.get("/engine-rest/process-instance?processDefinitionKey=double-opt-in")),
                        found -> found.size() == 1);
        String instance = instances.get(0).get("id").asText();
        String definition = instances.get(0).get("definitionId").asText();
        // The instance waits for the click once its confirmation mail is out (before that the engine finds nothing
        // waiting and answers 400, which says nothing about who may correlate).
        DevMailbox.of(anonymous).awaitMail(email, "Please confirm");

        Answer correlated = marketerA.post("/engine-rest/message", Map.of("messageName",
                "subscription.confirmationReceived", "processInstanceId", instance));
        assertThat(correlated.status()).as("a message into a waiting double opt-in: " + correlated.body()).isEqualTo(403);
        Answer byKey = marketerA.post("/engine-rest/process-definition/key/double-opt-in/tenant-id/" + accountA + "/start",
                Map.of());
        assertThat(byKey.status()).as(byKey.body()).isIn(403, 404);
        assertThat(marketerA.post("/engine-rest/process-definition/" + definition + "/start", Map.of()).status())
                .isEqualTo(403);
        assertThat(marketerA.post("/engine-rest/process-definition/key/double-opt-in/start", Map.of()).status())
                .isEqualTo(403);
        assertThat(marketerA.put("/engine-rest/process-instance/" + instance + "/suspended",
                Map.of("suspended", true)).status()).isEqualTo(403);
        assertThat(marketerA.delete("/engine-rest/process-instance/" + instance).status()).isEqualTo(403);

        assertThat(items(marketerA.get("/engine-rest/process-instance?processDefinitionKey=double-opt-in")))
                .extracting(found -> found.get("id").asText()).containsExactly(instance);
        String subscriber = adminA.get("/api/contacts?email=" + email).json().get(0).get("subscriberId").asText();
        assertThat(adminA.get("/api/contacts/" + subscriber).json().get("subscriptions").get(0).get("status").asText())
                .as("only the person's click confirms").isEqualTo("PENDING");
        confirm(email);
        assertThat(adminA.get("/api/contacts/" + subscriber).json().get("subscriptions").get(0).get("status").asText())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void anApprovalTaskIsTheAccountsOwnAndItsAdminsAreItsCandidates() {
        assertThat(adminA.put("/api/erasure-settings", Map.of("approvalRequired", true)).status()).isEqualTo(200);
        String list = list(adminA);
        String subscriber = adminA.post("/api/subscriptions", Map.of("email", address(), "list", list,
                "confirmed", true, "ip", "203.0.113.5", "at", "2026-01-02T03:04:05Z")).json().get("subscriberId").asText();
        String request = adminA.post("/api/contacts/" + subscriber + "/erase", Map.of()).json().get("requestId").asText();
        String instance = adminA.get("/api/erasure-requests/" + request).json().get("processInstanceId").asText();

        List<JsonNode> tasks = items(adminA.get("/engine-rest/task?processInstanceId=" + instance));
        assertThat(tasks).hasSize(1);
        String task = tasks.get(0).get("id").asText();
        assertThat(tasks.get(0).get("tenantId").asText()).isEqualTo(accountA);
        assertThat(items(adminA.get("/engine-rest/task/" + task + "/identity-links?type=candidate")))
                .extracting(link -> link.get("groupId").asText()).containsExactly("account-admins-" + accountA);
        assertThat(items(adminA.get("/engine-rest/task?candidateGroup=account-admins-" + accountA)))
                .extracting(t -> t.get("id").asText()).contains(task);

        assertThat(items(adminB.get("/engine-rest/task?processInstanceId=" + instance))).isEmpty();
        assertThat(items(adminB.get("/engine-rest/task?candidateGroup=account-admins-" + accountA))).isEmpty();
        assertThat(adminB.get("/engine-rest/task/" + task).status()).isEqualTo(404);
        assertThat(adminB.post("/engine-rest/task/" + task + "/complete",
                Map.of("variables", Map.of("erasureDecision", Map.of("value", "APPROVED")))).status()).isEqualTo(404);
        assertThat(adminB.post("/engine-rest/task/" + task + "/claim", Map.of("userId", "mallory")).status())
                .isEqualTo(404);

        Answer refused = adminA.post("/engine-rest/task/" + task + "/complete",
                Map.of("variables", Map.of("erasureDecision", Map.of("value", "APPROVED"))));
        assertThat(refused.status()).as("a key is no signed-in tasklist user: the four eyes decide through the API")
                .isGreaterThanOrEqualTo(400);
        assertThat(adminA.get("/api/erasure-requests/" + request).json().get("status").asText())
                .isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void deploymentsBelongToTheDeployingAccountAndThePlatformsAreReadOnly() {
        String processId = "tenancy-flow-" + UUID.randomUUID().toString().substring(0, 8);
        Answer byAdmin = Deployments.deploy(adminA, processId + ".bpmn", waitingFlow(processId, "tenancy.never"));
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        String deployment = byAdmin.json().get("id").asText();
        assertThat(byAdmin.json().get("tenantId").asText()).isEqualTo(accountA);
        Answer byMarketer = Deployments.deploy(marketerA, processId + ".bpmn",
                waitingFlow(processId, "tenancy.never").replace("Waiting for", "Still waiting for"),
                Map.of("tenant-id", accountA));
        assertThat(byMarketer.status()).as(byMarketer.body()).isEqualTo(200);
        assertThat(items(marketerA.get("/engine-rest/process-definition?key=" + processId))).hasSize(2)
                .allMatch(definition -> accountA.equals(definition.get("tenantId").asText()));

        Answer foreign = Deployments.deploy(marketerB, processId + ".bpmn", waitingFlow(processId, "tenancy.never"),
                Map.of("tenant-id", accountA));
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        Answer named = Deployments.deploy(marketerB, processId + ".bpmn", waitingFlow(processId, "tenancy.never"),
                Map.of("tenant-id", accountA), "/engine-rest/engine/default/deployment/create");
        assertThat(named.status()).as("through the named engine too: " + named.body()).isEqualTo(403);
        assertThat(items(marketerB.get("/engine-rest/process-definition?key=" + processId))).isEmpty();
        assertThat(marketerB.get("/engine-rest/deployment/" + deployment).status()).isEqualTo(404);
        assertThat(marketerB.delete("/engine-rest/deployment/" + deployment).status()).isEqualTo(404);
        assertThat(marketerB.post("/engine-rest/process-definition/key/" + processId + "/start", Map.of()).status())
                .isEqualTo(404);
        assertThat(marketerA.get("/engine-rest/deployment/" + deployment).status()).isEqualTo(200);

        JsonNode platform = marketerB.get("/engine-rest/process-definition/key/double-opt-in").json();
        assertThat(platform.get("tenantId").isNull()).as("the platform's processes are shared").isTrue();
        String platformDeployment = platform.get("deploymentId").asText();
        assertThat(marketerB.delete("/engine-rest/deployment/" + platformDeployment + "?cascade=true").status())
                .isEqualTo(404);
        assertThat(marketerB.put("/engine-rest/process-definition/key/double-opt-in/suspended",
                Map.of("suspended", true, "includeProcessInstances", true)).status()).isEqualTo(404);
        assertThat(marketerB.delete("/engine-rest/process-definition/key/double-opt-in/delete").status())
                .isEqualTo(404);
        assertThat(marketerB.post("/engine-rest/deployment/" + platformDeployment + "/redeploy", Map.of()).status())
                .as("no new platform versions through a redeploy").isEqualTo(403);
        assertThat(adminA.post("/engine-rest/engine/default/deployment/" + platformDeployment + "/redeploy",
                Map.of()).status()).isEqualTo(403);
        Answer after = adminA.get("/engine-rest/process-definition/key/double-opt-in");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("suspended").asBoolean()).isFalse();
    }

    @Test
    void anObjectVariableOrAStartSkippingListenersIsBadInputAndStartsNothing() {
        String processId = "tenancy-object-" + UUID.randomUUID().toString().substring(0, 8);
        Answer deployed = Deployments.deploy(marketerA, processId + ".bpmn", waitingFlow(processId, "tenancy.never"));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        Answer started = marketerA.post("/engine-rest/process-definition/key/" + processId + "/tenant-id/" + accountA
                + "/start", Map.of("variables", Map.of("probe", Map.of("type", "Object", "value", "\"http://probe.invalid/\"",
                "valueInfo", Map.of("objectTypeName", "java.net.URL", "serializationDataFormat", "application/json")))));
        assertThat(started.status()).as(started.body()).isEqualTo(400);
        assertThat(started.header("Content-Type")).startsWith("application/problem+json");
        Answer skipping = marketerA.post("/engine-rest/process-definition/key/" + processId + "/tenant-id/" + accountA
                + "/start", Map.of("skipCustomListeners", true));
        assertThat(skipping.status()).as("skipping listeners needs start instructions: " + skipping.body()).isEqualTo(400);
        assertThat(items(marketerA.get("/engine-rest/process-instance?processDefinitionKey=" + processId))).isEmpty();
    }

    @Test
    void theEnginesUsersGroupsTenantsAndAuthorizationsAreNoKeysBusiness() {
        assertThat(adminA.post("/engine-rest/user/create", Map.of("profile", Map.of("id", "mallory"),
                "credentials", Map.of("password", "s3cret-s3cret"))).status()).isEqualTo(403);
        assertThat(adminA.put("/engine-rest/group/operaton-admin/members/mallory", Map.of()).status()).isEqualTo(403);
        assertThat(adminA.put("/engine-rest/engine/default/group/operaton-admin/members/mallory", Map.of()).status())
                .isEqualTo(403);
        assertThat(adminA.get("/engine-rest/user").status()).isEqualTo(403);
        assertThat(adminA.get("/engine-rest/tenant").status()).isEqualTo(403);
        assertThat(adminA.get("/engine-rest/authorization").status()).isEqualTo(403);
        assertThat(adminA.post("/engine-rest/identity/verify", Map.of("username", "admin", "password", "x")).status())
                .isEqualTo(403);
    }

    @Test
    void anAccountsFlowStartsOnItsOwnConfirmationsOnly() {
        String processId = "tenancy-welcome-" + UUID.randomUUID().toString().substring(0, 8);
        Answer deployed = Deployments.deploy(marketerB, processId + ".bpmn", waitingFlow(processId, "subscription.confirmed"));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

        String listA = list(adminA);
        String emailA = address();
        subscribe(adminA, listA, emailA);
        confirm(emailA);
        await().atMost(Duration.ofSeconds(30)).until(() -> items(adminA.get(
                "/engine-rest/history/process-instance?processDefinitionKey=double-opt-in&finished=true")).size() == 1);
        assertThat(items(marketerB.get("/engine-rest/history/process-instance?processDefinitionKey=" + processId)))
                .as("account A's confirmation does not start account B's flow").isEmpty();

        String listB = list(adminB);
        String emailB = address();
        subscribe(adminB, listB, emailB);
        confirm(emailB);
        List<JsonNode> started = await().atMost(Duration.ofSeconds(30)).until(() -> items(marketerB.get(
                "/engine-rest/process-instance?processDefinitionKey=" + processId)), found -> found.size() == 1);
        assertThat(started.get(0).get("tenantId").asText()).isEqualTo(accountB);
        assertThat(items(adminA.get("/engine-rest/process-instance?processDefinitionKey=" + processId))).isEmpty();
    }

    /** A flow started by a message that waits a day: it stays running where a test can find it. */
    private static String waitingFlow(String processId, String message) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Flow" targetNamespace="x">
                  <bpmn:message id="Message_Heard" name="%s"/>
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:documentation>Waiting for a day after a message.</bpmn:documentation>
                    <bpmn:startEvent id="StartEvent_Heard"><bpmn:messageEventDefinition messageRef="Message_Heard"/></bpmn:startEvent>
                    <bpmn:sequenceFlow id="Flow_ToDayPassed" sourceRef="StartEvent_Heard" targetRef="Event_DayPassed"/>
                    <bpmn:intermediateCatchEvent id="Event_DayPassed">
                      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
                    </bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="Flow_ToDone" sourceRef="Event_DayPassed" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(message, processId);
    }

    private static String list(Api admin) {
        String key = "tenancy-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", key, "name", "Tenancy", "brand", "acme")).status())
                .isEqualTo(201);
        return key;
    }

    private static void subscribe(Api admin, String list, String email) {
        Answer accepted = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "ip", "203.0.113.9"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    }

    private void confirm(String email) {
        String path = DevMailbox.confirmationPath(DevMailbox.of(anonymous).awaitMail(email, "Please confirm"));
        assertThat(anonymous.postRaw(path, "application/x-www-form-urlencoded", new byte[0], Map.of()).status())
                .isEqualTo(200);
    }

    private static List<JsonNode> items(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false).toList();
    }

    private static String address() {
        return "tenancy-" + UUID.randomUUID() + "@example.dk";
    }
}
