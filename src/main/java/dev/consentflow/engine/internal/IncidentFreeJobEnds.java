package dev.consentflow.engine.internal;

import java.util.ArrayList;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.operaton.bpm.engine.impl.incident.IncidentContext;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.util.BitMaskUtil;
import org.operaton.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Every job the engine deletes (a timer left behind when a confirmation click ends the double opt-in, a job done)
 * makes it look up the failed-job incidents of that job, one query each: one per confirmation, for the reminder's
 * timer (or, after the reminder, the expiry's), though a timer that never ran has none. The engine's handler of
 * failed-job incidents is replaced by one that skips the look-up when the job's execution is in this command's
 * cache and the engine knows it has no incident at all (its incidents were read, or its row says it has none):
 * every incident of a job with an execution is one of that execution's. Otherwise (no execution, not loaded, or
 * any incident on it) it looks up and resolves or deletes as the engine's own handler does.
 */
@Component
class IncidentFreeJobEnds extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomIncidentHandlers() == null) {
            configuration.setCustomIncidentHandlers(new ArrayList<>());
        }
        configuration.getCustomIncidentHandlers().add(handler());
    }

    /** The handler this plugin installs (a test counts its look-ups). */
    FailedJobIncidents handler() {
        return new FailedJobIncidents();
    }

    /** The engine's handler of failed-job incidents, without the look-up where none can exist. */
    static class FailedJobIncidents extends DefaultIncidentHandler {

        FailedJobIncidents() {
            super(Incident.FAILED_JOB_HANDLER_TYPE);
        }

        @Override
        protected void removeIncident(IncidentContext context, boolean incidentResolved) {
            if (!knownWithoutIncidents(context)) {
                lookUpAndRemove(context, incidentResolved);
            }
        }

        /** The engine's own way: every incident of the job's id, resolved or deleted. */
        void lookUpAndRemove(IncidentContext context, boolean incidentResolved) {
            super.removeIncident(context, incidentResolved);
        }

        /**
         * Whether the execution of the job is loaded in this command with no incident. The entity state has the
         * incident bit off only when its incidents are known and none: read from the row's cached state, or
         * fetched, or all removed in this command.
         */
        static boolean knownWithoutIncidents(IncidentContext context) {
            CommandContext command = Context.getCommandContext();
            if (context.getExecutionId() == null || command == null) {
                return false;
            }
            ExecutionEntity execution = command.getDbEntityManager()
                    .getCachedEntity(ExecutionEntity.class, context.getExecutionId());
            return execution != null
                    && !BitMaskUtil.isBitOn(execution.getCachedEntityState(), ExecutionEntity.INCIDENT_STATE_BIT);
        }
    }
}
