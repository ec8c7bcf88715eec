package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.support.ProcessTestEngine;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.incident.IncidentContext;
import org.operaton.bpm.engine.impl.incident.IncidentHandler;
import org.operaton.bpm.engine.runtime.Incident;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/**
 * {@link IncidentFreeJobEnds}'s handler on the process tests' engine (swapped in while this class runs): a timer
 * cancelled by the message it raced with (as the double opt-in's reminder and expiry at a click) is deleted without
 * looking up incidents; a timer that has a failed-job incident still takes its incident with it.
 */
class IncidentFreeJobEndsTest {

    private static final AtomicInteger LOOK_UPS = new AtomicInteger();
    private static final ProcessEngine engine = ProcessTestEngine.get();
    private static IncidentHandler engines;
    private static String deployment;

    /** The shared test engine, with the handler the plugin installs, counting its look-ups, while this class runs. */
    @BeforeAll
    static void handler() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        IncidentFreeJobEnds.FailedJobIncidents counting = new IncidentFreeJobEnds.FailedJobIncidents() {
            @Override
            void lookUpAndRemove(IncidentContext context, boolean incidentResolved) {
                LOOK_UPS.incrementAndGet();
                super.lookUpAndRemove(context, incidentResolved);
            }
        };
        engines = configuration.getIncidentHandlers().put(Incident.FAILED_JOB_HANDLER_TYPE, counting);
        BpmnModelInstance race = Bpmn.createExecutableProcess("timer-race").operatonHistoryTimeToLive(1)
                .startEvent()
                .eventBasedGateway()
                .intermediateCatchEvent("Event_Clicked").message("test.clicked")
                .userTask("Task_Look")
                .endEvent()
                .moveToLastGateway()
                .intermediateCatchEvent("Event_Expired").timerWithDuration("P7D")
                .endEvent()
                .done();
        deployment = engine.getRepositoryService().createDeployment()
                .addModelInstance("timer-race.bpmn", race).deploy().getId();
    }

    @AfterAll
    static void restore() {
        engine.getRepositoryService().deleteDeployment(deployment, true);
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getIncidentHandlers()
                .put(Incident.FAILED_JOB_HANDLER_TYPE, engines);
    }

    @Test
    void aTimerThatNeverFailedIsDeletedWithoutLookingUpIncidents() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("timer-race").getId();
        int before = LOOK_UPS.get();

        engine.getRuntimeService().createMessageCorrelation("test.clicked").processInstanceId(instance).correlate();

        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance).count()).isZero();
        assertThat(engine.getRuntimeService().getActiveActivityIds(instance)).containsExactly("Task_Look");
        assertThat(LOOK_UPS.get() - before).isZero();
    }

    @Test
    void aTimerWithAFailedJobIncidentTakesItsIncidentAlongWhenDeleted() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("timer-race").getId();
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
        engine.getManagementService().setJobRetries(timer.getId(), 0);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance).count()).isEqualTo(1);
        int before = LOOK_UPS.get();

        engine.getRuntimeService().createMessageCorrelation("test.clicked").processInstanceId(instance).correlate();

        assertThat(engine.getRuntimeService().getActiveActivityIds(instance)).as("the instance goes on")
                .containsExactly("Task_Look");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance).count())
                .as("the deleted timer's incident is gone with it").isZero();
        assertThat(LOOK_UPS.get() - before).isEqualTo(1);
    }
}
