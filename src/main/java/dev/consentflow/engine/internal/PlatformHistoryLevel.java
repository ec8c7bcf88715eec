package dev.consentflow.engine.internal;

import dev.consentflow.engine.ProcessHistory;
import org.operaton.bpm.engine.ActivityTypes;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.history.AbstractHistoryLevel;
import org.operaton.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoryEventType;
import org.operaton.bpm.engine.impl.history.event.HistoryEventTypes;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;
import org.operaton.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.operaton.bpm.engine.impl.pvm.PvmScope;

/**
 * The engine's history level {@code full} (id 3, as the database records it), except for what nobody reads of the
 * platform's own processes (definitions without a tenant: double opt-in, unsubscribe, erasure...): their
 * variables' update details ({@code act_hi_detail}), the history of their variables other than the person's
 * {@value ProcessHistory#SUBSCRIBER_VARIABLE} (by which the compliance timeline finds a person's instances), and
 * the log of their jobs that were created, done or deleted ({@code act_hi_job_log}; a failed job is still logged),
 * and their exclusive and inclusive gateways' activity instances: such a gateway decides and passes on in the same
 * moment, and the step it chose is in the history right after it, so its row told nobody anything. Their instances,
 * their other activities (tasks, events, the event-based gateways they wait at), incidents and tasks keep full
 * history: the timeline, the cockpit and {@code /engine-rest/history} read them. Accounts' own flows keep all of
 * {@code full}: their users read it.
 *
 * <p>Measured (SignupConfirmCostBench): a signup wrote 26 history rows, 19 of them details, other variables and
 * job log; a confirmation 7 inserts and, when the instance ends, 51 updates setting the removal time, most of them
 * on those same rows. Those updates are gone too: {@link PlatformRemovalTimes} writes the removal time with each row.
 * A confirmation passed two exclusive gateways of the double opt-in (7 activity rows, now 5), a signup one.
 */
final class PlatformHistoryLevel extends AbstractHistoryLevel {

    private final PlatformDefinitions platform;

    PlatformHistoryLevel(PlatformDefinitions platform) {
        this.platform = platform;
    }

    @Override
    public int getId() {
        return 3;
    }

    @Override
    public String getName() {
        return ProcessEngineConfiguration.HISTORY_FULL;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (entity == null) {
            return true;
        }
        if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                && entity instanceof HistoricVariableUpdateEventEntity detail) {
            return !isPlatform(detail.getProcessDefinitionId());
        }
        if (isVariableEvent(eventType) && entity instanceof VariableInstanceEntity variable) {
            return ProcessHistory.SUBSCRIBER_VARIABLE.equals(variable.getName())
                    || !isPlatform(variable.getProcessDefinitionId());
        }
        if (isActivityEvent(eventType) && entity instanceof ExecutionEntity execution) {
            return !isPassingGateway(execution) || !isPlatform(execution.getProcessDefinitionId());
        }
        if (isJobLogKept(eventType) || !(entity instanceof JobEntity job)) {
            return true;
        }
        return !isPlatform(job.getProcessDefinitionId());
    }

    private static boolean isVariableEvent(HistoryEventType type) {
        return type == HistoryEventTypes.VARIABLE_INSTANCE_CREATE || type == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE
                || type == HistoryEventTypes.VARIABLE_INSTANCE_DELETE;
    }

    private static boolean isActivityEvent(HistoryEventType type) {
        return type == HistoryEventTypes.ACTIVITY_INSTANCE_START || type == HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE
                || type == HistoryEventTypes.ACTIVITY_INSTANCE_END;
    }

    /**
     * An exclusive or inclusive gateway, which never waits: the activity as the engine's producer finds it (the
     * execution's, else the event's source).
     */
    private static boolean isPassingGateway(ExecutionEntity execution) {
        PvmScope activity = execution.getActivity();
        if (activity == null && execution.getEventSource() instanceof PvmScope source) {
            activity = source;
        }
        if (activity == null) {
            return false;
        }
        Object type = activity.getProperty("type");
        return ActivityTypes.GATEWAY_EXCLUSIVE.equals(type) || ActivityTypes.GATEWAY_INCLUSIVE.equals(type);
    }

    /** Everything but the job log's created, successful and deleted entries; failures stay logged. */
    private static boolean isJobLogKept(HistoryEventType type) {
        return type != HistoryEventTypes.JOB_CREATE && type != HistoryEventTypes.JOB_SUCCESS
                && type != HistoryEventTypes.JOB_DELETE;
    }

    private boolean isPlatform(String processDefinitionId) {
        return platform.contains(processDefinitionId);
    }
}
