package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.support.ProcessTestEngine;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.incident.IncidentContext;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.engine.runtime.Job;

/**
 * {@link IncidentFreeJobEnds} on an engine of its own: a timer cancelled by the message it raced with (as the
 * double opt-in's reminder and expiry at a click) is deleted without looking up incidents; a timer that has a
 * failed-job incident still takes its incident with it.
 */
class IncidentFreeJobEndsTest {

    private static final AtomicInteger LOOK_UPS = new AtomicInteger();
    private static ProcessEngine engine;

    @BeforeAll
    static void engine() {
        StandaloneProcessEngineConfiguration configuration =
                ProcessTestEngine.configuration("incident_free_job_ends", "incident-free-job-ends");
        configuration.getProcessEnginePlugins().add(new IncidentFreeJobEnds() {
            @Override
            FailedJobIncidents handler() {
                return new FailedJobIncidents() {
                    @Override
                    void lookUpAndRemove(IncidentContext context, boolean incidentResolved) {
                        LOOK_UPS.incrementAndGet();
                        super.lookUpAndRemove(context, incidentResolved);
                    }
                };
            }
        });
        engine = configuration.buildProcessEngine();
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
        engine.getRepositoryService().createDeployment().addModelInstance("timer-race.bpmn", race).deploy();
    }

    @AfterAll
    static void close() {
        engine.close();
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
