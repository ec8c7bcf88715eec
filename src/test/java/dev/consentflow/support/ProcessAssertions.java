package dev.consentflow.support;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;

/**
 * Process assertions in the style of BPM Assert (not published for Operaton), over the runtime and history
 * services of the engine the instance runs on:
 * {@code assertThat(instance).isWaitingAt("Event_ConfirmationReceived").hasPassed("Task_SendConfirmation")}.
 */
public final class ProcessAssertions extends AbstractAssert<ProcessAssertions, ProcessInstance> {

    private final ProcessEngine engine;

    private ProcessAssertions(ProcessEngine engine, ProcessInstance actual) {
        super(actual, ProcessAssertions.class);
        this.engine = engine;
    }

    /** Assertions on an instance of the shared process-test engine. */
    public static ProcessAssertions assertThat(ProcessInstance instance) {
        return new ProcessAssertions(ProcessTestEngine.get(), instance);
    }

    /** Assertions on an instance of a given engine (integration tests on the server's engine). */
    public static ProcessAssertions assertThat(ProcessEngine engine, ProcessInstance instance) {
        return new ProcessAssertions(engine, instance);
    }

    public ProcessAssertions isWaitingAt(String... activityIds) {
        isNotNull();
        List<String> active = runtime().getActiveActivityIds(actual.getId());
        if (!active.containsAll(Arrays.asList(activityIds))) {
            failWithMessage("Expected instance %s to wait at %s, but it waits at %s", actual.getId(),
                    Arrays.toString(activityIds), active);
        }
        return this;
    }

    public ProcessAssertions isNotWaitingAt(String... activityIds) {
        isNotNull();
        List<String> active = isEnded(false) ? List.of() : runtime().getActiveActivityIds(actual.getId());
        for (String id : activityIds) {
            if (active.contains(id)) {
                failWithMessage("Expected instance %s not to wait at %s", actual.getId(), id);
            }
        }
        return this;
    }

    public ProcessAssertions hasPassed(String... activityIds) {
        isNotNull();
        List<String> passed = passed();
        for (String id : activityIds) {
            if (!passed.contains(id)) {
                failWithMessage("Expected instance %s to have passed %s, but it passed only %s", actual.getId(), id,
                        passed);
            }
        }
        return this;
    }

    public ProcessAssertions hasNotPassed(String... activityIds) {
        isNotNull();
        List<String> passed = passed();
        for (String id : activityIds) {
            if (passed.contains(id)) {
                failWithMessage("Expected instance %s not to have passed %s", actual.getId(), id);
            }
        }
        return this;
    }

    public ProcessAssertions isEnded() {
        isNotNull();
        if (!isEnded(true)) {
            failWithMessage("Expected instance %s to have ended, but it waits at %s", actual.getId(),
                    runtime().getActiveActivityIds(actual.getId()));
        }
        return this;
    }

    public ProcessAssertions isNotEnded() {
        isNotNull();
        if (isEnded(true)) {
            failWithMessage("Expected instance %s to be running, but it has ended", actual.getId());
        }
        return this;
    }

    /** The end event the instance finished in. */
    public ProcessAssertions endedAt(String endEventId) {
        isEnded();
        return hasPassed(endEventId);
    }

    /** The single job (timer or async continuation) of the instance, to execute it explicitly. */
    public Job job(String activityId) {
        List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(actual.getId())
                .activityId(activityId).list();
        if (jobs.size() != 1) {
            failWithMessage("Expected one job at %s of instance %s, found %d", activityId, actual.getId(), jobs.size());
        }
        return jobs.get(0);
    }

    /** Executes the one job at an activity, as the job executor would. */
    public ProcessAssertions executeJob(String activityId) {
        engine.getManagementService().executeJob(job(activityId).getId());
        return this;
    }

    private boolean isEnded(boolean viaHistory) {
        HistoricProcessInstance historic = history().createHistoricProcessInstanceQuery()
                .processInstanceId(actual.getId()).singleResult();
        if (viaHistory && historic != null) {
            return historic.getEndTime() != null;
        }
        return runtime().createProcessInstanceQuery().processInstanceId(actual.getId()).count() == 0;
    }

    private List<String> passed() {
        return history().createHistoricActivityInstanceQuery().processInstanceId(actual.getId()).finished().list()
                .stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    private RuntimeService runtime() {
        return engine.getRuntimeService();
    }

    private HistoryService history() {
        return engine.getHistoryService();
    }
}
