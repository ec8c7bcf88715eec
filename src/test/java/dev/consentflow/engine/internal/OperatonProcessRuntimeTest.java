package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.support.ProcessTestEngine;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/** The engine facade on a real engine: start, correlation by instance id, publishing to whoever listens. */
class OperatonProcessRuntimeTest {

    private static final String ACCOUNT = UUID.randomUUID().toString();
    private static final String OTHER_ACCOUNT = UUID.randomUUID().toString();

    private final ProcessEngine engine = ProcessTestEngine.get();
    private final OperatonProcessRuntime runtime = (OperatonProcessRuntime) TestProcessRuntimes.on(engine);
    private String deployment;

    @BeforeEach
    void deploy() {
        BpmnModelInstance waiting = Bpmn.createExecutableProcess("runtime-waiting").operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .intermediateCatchEvent("Event_Pinged").message("test.pinged")
                .intermediateCatchEvent("Event_Published").message("test.published")
                .endEvent("EndEvent_Done").done();
        BpmnModelInstance started = Bpmn.createExecutableProcess("runtime-started").operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Published").message("test.published")
                .userTask("Task_Look")
                .endEvent("EndEvent_Done").done();
        deployment = engine.getRepositoryService().createDeployment()
                .addModelInstance("runtime-waiting.bpmn", waiting)
                .addModelInstance("runtime-started.bpmn", started)
                .addClasspathResource("automation/sample-automation.bpmn").deploy().getId();
    }

    @AfterEach
    void undeploy() {
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void aMessageReachesTheOneInstanceByItsIdAndNobodyElse() {
        String one = runtime.start("runtime-waiting", "b1", Map.of("accountId", ACCOUNT, "subscriberId", UUID.randomUUID()));
        String other = runtime.start("runtime-waiting", "b2", Map.of("accountId", ACCOUNT));

        assertThat(runtime.correlate("test.pinged", one, Map.of())).isTrue();
        assertThat(engine.getRuntimeService().getActiveActivityIds(one)).containsExactly("Event_Published");
        assertThat(engine.getRuntimeService().getActiveActivityIds(other)).containsExactly("Event_Pinged");
        assertThat(runtime.correlate("test.pinged", one, Map.of())).isFalse();
    }

    @Test
    void aMessageReachesOnlyAnActiveInstanceWaitingForItAndEndsTheOtherWaysOfItsGateway() {
        BpmnModelInstance gateway = Bpmn.createExecutableProcess("runtime-gateway").operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .eventBasedGateway().id("Gateway_Await")
                .intermediateCatchEvent("Event_Pinged").message("test.pinged").endEvent("EndEvent_Pinged")
                .moveToNode("Gateway_Await")
                .intermediateCatchEvent("Event_Late").timerWithDuration("P1D").endEvent("EndEvent_Late").done();
        String gatewayDeployment = engine.getRepositoryService().createDeployment()
                .addModelInstance("runtime-gateway.bpmn", gateway).deploy().getId();
        try {
            String waiting = runtime.start("runtime-gateway", "b20", Map.of("accountId", ACCOUNT));
            String suspended = runtime.start("runtime-gateway", "b21", Map.of("accountId", ACCOUNT));
            engine.getRuntimeService().suspendProcessInstanceById(suspended);

            assertThat(runtime.correlate("test.published", waiting, Map.of())).as("not waited for").isFalse();
            assertThat(runtime.correlate("test.pinged", suspended, Map.of())).as("suspended").isFalse();
            assertThat(runtime.correlate("test.pinged", UUID.randomUUID().toString(), Map.of())).isFalse();
            assertThat(runtime.correlate("test.pinged", waiting, Map.of("pinged", true))).isTrue();

            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(waiting).count())
                    .isZero();
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(waiting).count()).isZero();
            assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(waiting)
                    .activityId("EndEvent_Pinged").finished().count()).isEqualTo(1);
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(waiting)
                    .variableName("pinged").singleResult().getValue()).isEqualTo(true);
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(suspended).count())
                    .isEqualTo(1);
            assertThat(runtime.correlate("test.pinged", waiting, Map.of())).as("ended").isFalse();
        } finally {
            engine.getRepositoryService().deleteDeployment(gatewayDeployment, true);
        }
    }

    /** An instance waiting in a subprocess (a child execution) for the message or a timer, then a user task. */
    private String deployScoped() {
        BpmnModelInstance scoped = Bpmn.createExecutableProcess("runtime-scoped").operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .subProcess("SubProcess_Await").embeddedSubProcess()
                .startEvent("StartEvent_Await")
                .eventBasedGateway().id("Gateway_Await")
                .intermediateCatchEvent("Event_Pinged").message("test.pinged").endEvent("EndEvent_Pinged")
                .moveToNode("Gateway_Await")
                .intermediateCatchEvent("Event_Late").timerWithDuration("P1D").endEvent("EndEvent_Late")
                .subProcessDone()
                .userTask("Task_Look")
                .endEvent("EndEvent_Done").done();
        return engine.getRepositoryService().createDeployment()
                .addModelInstance("runtime-scoped.bpmn", scoped).deploy().getId();
    }

    @Test
    void aMessageToAnInstanceInAScopeTakesItsVariablesAndJobsFromTheOneRead() {
        String scopedDeployment = deployScoped();
        try {
            String waiting = runtime.start("runtime-scoped", "b22", Map.of("accountId", ACCOUNT, "count", 1));
            String other = runtime.start("runtime-scoped", "b23", Map.of("accountId", ACCOUNT, "count", 2));

            assertThat(runtime.correlate("test.pinged", waiting, Map.of("pinged", true))).isTrue();

            assertThat(engine.getRuntimeService().getActiveActivityIds(waiting)).containsExactly("Task_Look");
            assertThat(engine.getRuntimeService().getVariables(waiting))
                    .isEqualTo(Map.of("accountId", ACCOUNT, "count", 1, "pinged", true));
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(waiting).count()).isZero();
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(other).count()).isEqualTo(1);
            assertThat(engine.getRuntimeService().getActiveActivityIds(other)).containsExactly("Gateway_Await");
            assertThat(runtime.correlate("test.pinged", waiting, Map.of())).as("delivered once").isFalse();
        } finally {
            engine.getRepositoryService().deleteDeployment(scopedDeployment, true);
        }
    }

    @Test
    void withinACommandThatHoldsTheInstanceAlreadyTheEnginesCorrelationDeliversTheMessage() {
        String scopedDeployment = deployScoped();
        try {
            String waiting = runtime.start("runtime-scoped", "b24", Map.of("accountId", ACCOUNT));
            var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getCommandExecutorTxRequired();

            boolean delivered = commands.execute(commandContext -> {
                ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(waiting);
                assertThat(instance.getExecutions()).as("the tree, read by this command").hasSize(1);
                return runtime.correlate("test.pinged", waiting, Map.of("pinged", true));
            });

            assertThat(delivered).isTrue();
            assertThat(engine.getRuntimeService().getActiveActivityIds(waiting)).containsExactly("Task_Look");
            assertThat(engine.getRuntimeService().getVariable(waiting, "pinged")).isEqualTo(true);
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(waiting).count()).isZero();
            Command<Boolean> again = commandContext -> {
                commandContext.getExecutionManager().findExecutionById(waiting).getExecutions();
                return runtime.correlate("test.pinged", waiting, Map.of());
            };
            assertThat(commands.execute(again)).as("delivered once").isFalse();
        } finally {
            engine.getRepositoryService().deleteDeployment(scopedDeployment, true);
        }
    }

    @Test
    void publishingStartsListeningProcessesAndReachesMatchingWaitingInstancesOnly() {
        String subscriber = UUID.randomUUID().toString();
        String mine = runtime.start("runtime-waiting", "b3", Map.of("accountId", ACCOUNT, "subscriberId", subscriber));
        String someoneElses = runtime.start("runtime-waiting", "b4", Map.of("accountId", ACCOUNT, "subscriberId", UUID.randomUUID().toString()));
        runtime.correlate("test.pinged", mine, Map.of());
        runtime.correlate("test.pinged", someoneElses, Map.of());
        long startedBefore = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("runtime-started").count();

        int reached = runtime.publish("test.published", "subscriberId", subscriber, Map.of("accountId", ACCOUNT, "subscriberId", subscriber));

        assertThat(reached).isEqualTo(2);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(mine).count()).isZero();
        assertThat(engine.getRuntimeService().getActiveActivityIds(someoneElses)).containsExactly("Event_Published");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("runtime-started")
                .count()).isEqualTo(startedBefore + 1);
        assertThat(runtime.publish("test.nobody", "subscriberId", subscriber, Map.of("accountId", ACCOUNT))).isZero();
    }

    @Test
    void publishingByPersonAndListEndsThatAutomationThroughItsEventSubprocessAndNoOther() {
        String subscriber = UUID.randomUUID().toString();
        String news = startAutomation(subscriber, "news");
        String offers = startAutomation(subscriber, "offers");
        String someoneElses = startAutomation(UUID.randomUUID().toString(), "news");

        int reached = runtime.publish("subscription.unsubscribed", Map.of("subscriberId", subscriber, "listKey", "news"),
                Map.of("accountId", ACCOUNT, "subscriberId", subscriber, "listKey", "news", "unsubscribeChannel", "ONE_CLICK"));

        assertThat(reached).isEqualTo(1);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(news).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(news)
                .activityId("EndEvent_AutomationStopped").finished().count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getActiveActivityIds(offers)).containsExactly("Event_NextMailDue");
        assertThat(engine.getRuntimeService().getActiveActivityIds(someoneElses)).containsExactly("Event_NextMailDue");
        assertThat(runtime.publish("subscription.unsubscribed", Map.of("subscriberId", subscriber, "listKey", "news"),
                Map.of("accountId", ACCOUNT))).isZero();
        assertThatThrownBy(() -> runtime.publish("subscription.unsubscribed", Map.of(), Map.of("accountId", ACCOUNT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyInstanceBelongsToTheAccountItsStartNames() {
        String instance = runtime.start("runtime-waiting", "b13", Map.of("accountId", ACCOUNT));

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getTenantId()).isEqualTo(ACCOUNT);
        assertThatThrownBy(() -> runtime.start("runtime-waiting", "b14", Map.of("subscriberId", UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountId");
        assertThatThrownBy(() -> runtime.publish("test.published", "subscriberId", "s", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountId");
    }

    @Test
    void publishingReachesOnlyThePublishingAccountsFlowsAndInstances() {
        BpmnModelInstance flow = Bpmn.createExecutableProcess("runtime-tenant-flow").operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Heard").message("test.heard")
                .userTask("Task_Look")
                .endEvent("EndEvent_Done").done();
        String otherDeployment = engine.getRepositoryService().createDeployment().tenantId(OTHER_ACCOUNT)
                .addModelInstance("runtime-tenant-flow.bpmn", flow).deploy().getId();
        try {
            String subscriber = UUID.randomUUID().toString();
            String others = runtime.start("runtime-waiting", "b15", Map.of("accountId", OTHER_ACCOUNT,
                    "subscriberId", subscriber));
            runtime.correlate("test.pinged", others, Map.of());

            assertThat(runtime.publish("test.heard", "subscriberId", subscriber, Map.of("accountId", ACCOUNT)))
                    .as("the other account's flow does not hear this account's message").isZero();
            runtime.publish("test.published", "subscriberId", subscriber, Map.of("accountId", ACCOUNT,
                    "subscriberId", subscriber));
            assertThat(engine.getRuntimeService().getActiveActivityIds(others))
                    .as("nor does its instance, whatever variables it holds").containsExactly("Event_Published");
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("runtime-started")
                    .variableValueEquals("subscriberId", subscriber).singleResult().getTenantId())
                    .as("a shared process started by the message belongs to the publishing account").isEqualTo(ACCOUNT);

            assertThat(runtime.publish("test.heard", "subscriberId", subscriber, Map.of("accountId", OTHER_ACCOUNT)))
                    .isEqualTo(1);
            assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey("runtime-tenant-flow").singleResult().getTenantId()).isEqualTo(OTHER_ACCOUNT);
            assertThat(engine.getIdentityService().getCurrentAuthentication()).as("nobody stays signed in").isNull();
        } finally {
            engine.getRepositoryService().deleteDeployment(otherDeployment, true);
        }
    }

    @Test
    void anyListensSeesTheAccountsFlowsAndWaitingInstancesAndTheSharedProcessesButNoOtherAccounts() {
        BpmnModelInstance flow = Bpmn.createExecutableProcess("runtime-listening-flow").operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Heard").message("test.heardByOne")
                .userTask("Task_Look")
                .endEvent("EndEvent_Done").done();
        String otherDeployment = engine.getRepositoryService().createDeployment().tenantId(OTHER_ACCOUNT)
                .addModelInstance("runtime-listening-flow.bpmn", flow).deploy().getId();
        try {
            assertThat(runtime.anyListens("test.heardByOne", OTHER_ACCOUNT)).as("its own flow's start").isTrue();
            assertThat(runtime.anyListens("test.heardByOne", ACCOUNT)).as("another account's flow").isFalse();
            assertThat(runtime.anyListens("test.published", ACCOUNT)).as("a shared process's start").isTrue();
            assertThat(runtime.anyListens("test.nobody", ACCOUNT)).isFalse();

            assertThat(runtime.anyListens("test.pinged", ACCOUNT)).as("no instance waits yet").isFalse();
            runtime.start("runtime-waiting", "b16", Map.of("accountId", OTHER_ACCOUNT));
            assertThat(runtime.anyListens("test.pinged", ACCOUNT)).as("another account's instance").isFalse();
            runtime.start("runtime-waiting", "b17", Map.of("accountId", ACCOUNT));
            assertThat(runtime.anyListens("test.pinged", ACCOUNT)).as("its own waiting instance").isTrue();
        } finally {
            engine.getRepositoryService().deleteDeployment(otherDeployment, true);
        }
    }

    private String startAutomation(String subscriber, String listKey) {
        return runtime.start("sample-automation", UUID.randomUUID().toString(),
                Map.of("accountId", ACCOUNT, "subscriberId", subscriber, "listKey", listKey));
    }

    @Test
    void variablesMustBeIdsOrPrimitives() {
        assertThatThrownBy(() -> runtime.start("runtime-waiting", "b5", Map.of("accountId", ACCOUNT, "email", "anna@example.dk")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> runtime.start("runtime-waiting", "b6", Map.of("accountId", ACCOUNT, "card", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endingAPersonsInstancesEndsAllOfThemButTheCallersAndNobodyElses() {
        UUID person = UUID.randomUUID();
        String caller = runtime.start("runtime-waiting", "b7", Map.of("accountId", ACCOUNT, "subscriberId", person));
        String waiting = runtime.start("runtime-waiting", "b8", Map.of("accountId", ACCOUNT, "subscriberId", person));
        String atTask = runtime.start("runtime-started", "b9", Map.of("accountId", ACCOUNT, "subscriberId", person.toString()));
        String someoneElses = runtime.start("runtime-waiting", "b10", Map.of("accountId", ACCOUNT, "subscriberId", UUID.randomUUID()));

        int ended = runtime.endInstancesOf(person, "Ended by erasure request r1", caller);

        assertThat(ended).isEqualTo(2);
        var running = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceIds(java.util.Set.of(caller, waiting, atTask, someoneElses)).list().stream()
                .map(org.operaton.bpm.engine.runtime.ProcessInstance::getId).toList();
        assertThat(running).containsExactlyInAnyOrder(caller, someoneElses);
        var history = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(waiting)
                .singleResult();
        assertThat(history.getDeleteReason()).isEqualTo("Ended by erasure request r1");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(atTask)
                .activityId("Task_Look").singleResult().isCanceled()).isTrue();
        assertThat(runtime.endInstancesOf(person, "again", caller)).isZero();
    }

    @Test
    void completingATaskAnswersWhetherTheInstanceHadItOpen() {
        String instance = runtime.start("runtime-started", "b11", Map.of("accountId", ACCOUNT));

        assertThat(runtime.completeTask(instance, "Task_Other", Map.of())).isFalse();
        assertThat(runtime.completeTask(instance, "Task_Look", Map.of("decision", "APPROVED"))).isTrue();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("decision").singleResult().getValue()).isEqualTo("APPROVED");
        assertThat(runtime.completeTask(instance, "Task_Look", Map.of())).isFalse();
        assertThatThrownBy(() -> runtime.completeTask(runtime.start("runtime-started", "b12", Map.of("accountId", ACCOUNT)), "Task_Look",
                Map.of("accountId", ACCOUNT, "email", "anna@example.dk"))).isInstanceOf(IllegalArgumentException.class);
    }
}
