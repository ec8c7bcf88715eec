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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's history: the platform's processes keep what is read of them (instances, activities, the person's
 * id by which the compliance timeline finds them), and none of the variable details, other variables or job log
 * that nobody reads; an account's own flow keeps the engine's full history, which its users read through
 * {@code /engine-rest}.
 */
@IntegrationTest
class PlatformHistoryIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessHistory processHistory;

    Api anonymous;
    Api admin;
    Api marketer;

    @BeforeEach
    void account() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous);
        marketer = TestAccounts.newKey(admin, "MARKETER");
    }

    @Test
    void aConfirmedDoubleOptInKeepsItsStepsAndThePersonsIdButNoVariableDetailsOrJobLog() {
        String email = address();
        String subscriberId = confirmedSignup(email);
        String instance = finishedDoubleOptIn(subscriberId);

        assertThat(processHistory.stepsFor(UUID.fromString(subscriberId)))
                .filteredOn(step -> step.processInstanceId().equals(instance))
                .extracting(ProcessHistory.Step::activityId)
                .contains("StartEvent_SignupReceived", "Task_RegisterSignup", "Task_SendConfirmation",
                        "Event_ConfirmationReceived", "Task_ConfirmSubscription", "Task_SendWelcome",
                        "Event_SubscriptionConfirmed", "EndEvent_SubscriptionActive");
        assertThat(items(marketer.get("/engine-rest/history/activity-instance?processInstanceId=" + instance)))
                .as("the account reads the steps through /engine-rest").hasSizeGreaterThanOrEqualTo(8);
        assertThat(jdbc.sql("select name_ from act_hi_varinst where proc_inst_id_ = :instance")
                .param("instance", instance).query(String.class).list()).containsExactly("subscriberId");
        assertThat(rows("act_hi_detail", "proc_inst_id_", instance)).isZero();
        assertThat(rows("act_hi_job_log", "process_instance_id_", instance)).isZero();
    }

    @Test
    void anAccountsOwnFlowKeepsTheFullHistory() {
        String processId = "history-flow-" + UUID.randomUUID().toString().substring(0, 8);
        Answer deployed = Deployments.deploy(marketer, processId + ".bpmn", waitingFlow(processId));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

        confirmedSignup(address());
        List<JsonNode> started = await().atMost(Duration.ofSeconds(30)).until(() -> items(marketer.get(
                "/engine-rest/process-instance?processDefinitionKey=" + processId)), found -> found.size() == 1);
        String flow = started.get(0).get("id").asText();

        assertThat(items(marketer.get("/engine-rest/history/variable-instance?processInstanceId=" + flow)))
                .extracting(v -> v.get("name").asText())
                .contains("accountId", "subscriberId", "subscriptionId", "listKey");
        assertThat(items(marketer.get("/engine-rest/history/detail?processInstanceId=" + flow))).isNotEmpty();
        assertThat(items(marketer.get("/engine-rest/history/job-log?processInstanceId=" + flow)))
                .extracting(j -> j.get("creationLog").asBoolean()).contains(true);
    }

    private String confirmedSignup(String email) {
        String list = "history-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "History", "brand", "acme")).status())
                .isEqualTo(201);
        Answer accepted = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "ip", "203.0.113.9"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String path = DevMailbox.confirmationPath(DevMailbox.of(anonymous).awaitMail(email, "Please confirm"));
        assertThat(anonymous.postRaw(path, "application/x-www-form-urlencoded", new byte[0], Map.of()).status())
                .isEqualTo(200);
        return admin.get("/api/contacts?email=" + email).json().get(0).get("subscriberId").asText();
    }

    private String finishedDoubleOptIn(String subscriberId) {
        String instance = jdbc.sql("select process_instance_id from subscription_confirmation_request"
                        + " where purpose = 'SIGNUP' and subscriber_id = :id")
                .param("id", UUID.fromString(subscriberId)).query(String.class).single();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "select count(*) from act_hi_procinst where id_ = :instance and end_time_ is not null")
                .param("instance", instance).query(Long.class).single() == 1);
        return instance;
    }

    private long rows(String table, String instanceColumn, String instance) {
        return jdbc.sql("select count(*) from " + table + " where " + instanceColumn + " = :instance")
                .param("instance", instance).query(Long.class).single();
    }

    /** A flow started by a confirmation that waits a day: its timer is a job, its variables are the message's. */
    private static String waitingFlow(String processId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Flow" targetNamespace="x">
                  <bpmn:message id="Message_Heard" name="subscription.confirmed"/>
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:documentation>Waiting for a day after a confirmation.</bpmn:documentation>
                    <bpmn:startEvent id="StartEvent_Heard"><bpmn:messageEventDefinition messageRef="Message_Heard"/></bpmn:startEvent>
                    <bpmn:sequenceFlow id="Flow_ToDayPassed" sourceRef="StartEvent_Heard" targetRef="Event_DayPassed"/>
                    <bpmn:intermediateCatchEvent id="Event_DayPassed">
                      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
                    </bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="Flow_ToDone" sourceRef="Event_DayPassed" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processId);
    }

    private static List<JsonNode> items(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false).toList();
    }

    private static String address() {
        return "history-" + UUID.randomUUID() + "@example.dk";
    }
}
