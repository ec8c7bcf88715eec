package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.support.ProcessTestEngine;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/**
 * Which activity instances the platform's processes keep: every step but the exclusive and inclusive gateways,
 * which decide and pass on at once (the step they chose follows them in the history); the event-based gateway an
 * instance waits at stays, running while it waits. An account's flow keeps every step. On an engine of its own with
 * the server's history plugin, on the database of {@link PlatformRemovalTimesTest} (its schema is there already).
 */
class PlatformHistoryLevelTest {

    private static final String PLATFORM = "platform-gateways";
    private static final String FLOW = "account-gateways";
    private static final String TENANT = UUID.randomUUID().toString();

    private static ProcessEngine engine;
    private static HistoryService history;

    @BeforeAll
    static void engine() {
        engine = ProcessTestEngine.withPlugin("history-level-tests", new PlatformHistory(), gateways(PLATFORM), TENANT,
                gateways(FLOW));
        history = engine.getHistoryService();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aPlatformInstanceKeepsItsStepsAndTheGatewayItWaitsAtButNoGatewayThatOnlyDecided() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(PLATFORM).getId();

        assertThat(steps(instance)).containsExactlyInAnyOrder("StartEvent_Started:ended", "Gateway_Await:running");

        correlate(instance);
        assertThat(steps(instance)).containsExactlyInAnyOrder("StartEvent_Started:ended", "Gateway_Await:ended",
                "Event_Go:ended", "Task_Chosen:ended", "EndEvent_Done:ended");
    }

    @Test
    void anAccountsFlowKeepsEveryStepItsGatewaysToo() {
        String instance = engine.getRuntimeService().createProcessInstanceByKey(FLOW).processDefinitionTenantId(TENANT)
                .execute().getId();
        correlate(instance);

        assertThat(steps(instance)).containsExactlyInAnyOrder("StartEvent_Started:ended", "Gateway_Decide:ended",
                "Gateway_Await:ended", "Event_Go:ended", "Gateway_Then:ended", "Task_Chosen:ended",
                "EndEvent_Done:ended");
    }

    private static void correlate(String instance) {
        engine.getRuntimeService().createMessageCorrelation("history.go").processInstanceId(instance)
                .correlateWithResult();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count())
                .isEqualTo(1);
    }

    private static List<String> steps(String instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
                .map(HistoricActivityInstance.class::cast)
                .map(a -> a.getActivityId() + (a.getEndTime() == null ? ":running" : ":ended")).toList();
    }

    /** An exclusive gateway, a wait at an event-based one, an inclusive gateway, a step, the end. */
    private static BpmnModelInstance gateways(String process) {
        return Bpmn.createExecutableProcess(process).operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .exclusiveGateway("Gateway_Decide")
                .eventBasedGateway().id("Gateway_Await")
                .intermediateCatchEvent("Event_Go").message("history.go")
                .inclusiveGateway("Gateway_Then")
                .manualTask("Task_Chosen")
                .endEvent("EndEvent_Done")
                .done();
    }
}
