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
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/** The engine facade on a real engine: start, correlation by instance id, publishing to whoever listens. */
class OperatonProcessRuntimeTest {

    private final ProcessEngine engine = ProcessTestEngine.get();
    private final OperatonProcessRuntime runtime = new OperatonProcessRuntime(engine.getRuntimeService(), engine.getTaskService());
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
        String one = runtime.start("runtime-waiting", "b1", Map.of("subscriberId", UUID.randomUUID()));
        String other = runtime.start("runtime-waiting", "b2", Map.of());

        assertThat(runtime.correlate("test.pinged", one, Map.of())).isTrue();
        assertThat(engine.getRuntimeService().getActiveActivityIds(one)).containsExactly("Event_Published");
        assertThat(engine.getRuntimeService().getActiveActivityIds(other)).containsExactly("Event_Pinged");
        assertThat(runtime.correlate("test.pinged", one, Map.of())).isFalse();
    }

    @Test
    void publishingStartsListeningProcessesAndReachesMatchingWaitingInstancesOnly() {
        String subscriber = UUID.randomUUID().toString();
        String mine = runtime.start("runtime-waiting", "b3", Map.of("subscriberId", subscriber));
        String someoneElses = runtime.start("runtime-waiting", "b4", Map.of("subscriberId", UUID.randomUUID().toString()));
        runtime.correlate("test.pinged", mine, Map.of());
        runtime.correlate("test.pinged", someoneElses, Map.of());
        long startedBefore = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("runtime-started").count();

        int reached = runtime.publish("test.published", "subscriberId", subscriber, Map.of("subscriberId", subscriber));

        assertThat(reached).isEqualTo(2);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(mine).count()).isZero();
        assertThat(engine.getRuntimeService().getActiveActivityIds(someoneElses)).containsExactly("Event_Published");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("runtime-started")
                .count()).isEqualTo(startedBefore + 1);
        assertThat(runtime.publish("test.nobody", "subscriberId", subscriber, Map.of())).isZero();
    }

    @Test
    void publishingByPersonAndListEndsThatAutomationThroughItsEventSubprocessAndNoOther() {
        String subscriber = UUID.randomUUID().toString();
        String news = startAutomation(subscriber, "news");
        String offers = startAutomation(subscriber, "offers");
        String someoneElses = startAutomation(UUID.randomUUID().toString(), "news");

        int reached = runtime.publish("subscription.unsubscribed", Map.of("subscriberId", subscriber, "listKey", "news"),
                Map.of("subscriberId", subscriber, "listKey", "news", "unsubscribeChannel", "ONE_CLICK"));

        assertThat(reached).isEqualTo(1);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(news).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(news)
                .activityId("EndEvent_AutomationStopped").finished().count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getActiveActivityIds(offers)).containsExactly("Event_NextMailDue");
        assertThat(engine.getRuntimeService().getActiveActivityIds(someoneElses)).containsExactly("Event_NextMailDue");
        assertThat(runtime.publish("subscription.unsubscribed", Map.of("subscriberId", subscriber, "listKey", "news"),
                Map.of())).isZero();
        assertThatThrownBy(() -> runtime.publish("subscription.unsubscribed", Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String startAutomation(String subscriber, String listKey) {
        return runtime.start("sample-automation", UUID.randomUUID().toString(),
                Map.of("subscriberId", subscriber, "listKey", listKey));
    }

    @Test
    void variablesMustBeIdsOrPrimitives() {
        assertThatThrownBy(() -> runtime.start("runtime-waiting", "b5", Map.of("email", "anna@example.dk")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> runtime.start("runtime-waiting", "b6", Map.of("card", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endingAPersonsInstancesEndsAllOfThemButTheCallersAndNobodyElses() {
        UUID person = UUID.randomUUID();
        String caller = runtime.start("runtime-waiting", "b7", Map.of("subscriberId", person));
        String waiting = runtime.start("runtime-waiting", "b8", Map.of("subscriberId", person));
        String atTask = runtime.start("runtime-started", "b9", Map.of("subscriberId", person.toString()));
        String someoneElses = runtime.start("runtime-waiting", "b10", Map.of("subscriberId", UUID.randomUUID()));

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
        String instance = runtime.start("runtime-started", "b11", Map.of());

        assertThat(runtime.completeTask(instance, "Task_Other", Map.of())).isFalse();
        assertThat(runtime.completeTask(instance, "Task_Look", Map.of("decision", "APPROVED"))).isTrue();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("decision").singleResult().getValue()).isEqualTo("APPROVED");
        assertThat(runtime.completeTask(instance, "Task_Look", Map.of())).isFalse();
        assertThatThrownBy(() -> runtime.completeTask(runtime.start("runtime-started", "b12", Map.of()), "Task_Look",
                Map.of("email", "anna@example.dk"))).isInstanceOf(IllegalArgumentException.class);
    }
}
