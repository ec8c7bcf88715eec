package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.impl.jobexecutor.DefaultJobPriorityProvider;
import org.operaton.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;

/**
 * Jobs of the platform's processes (definitions without a tenant: the confirmation, the unsubscribe, the erasure)
 * come before any account's flow: the job executor acquires by priority ({@link FlowFairness}). An account's flow
 * gets the lowest priority whatever its model or a job definition says, so no flow can put itself first. Jobs of
 * no process (history cleanup, batches) keep the engine's default.
 */
final class PlatformFirstJobPriorities extends DefaultJobPriorityProvider {

    static final long PLATFORM = 100;
    static final long ACCOUNT_FLOW = 0;
    /** A job of an account's flow that was postponed to its slot ({@link ExecuteAdmittedJobCmd}). */
    static final long POSTPONED_FLOW = 1;

    @Override
    public long determinePriority(ExecutionEntity execution, JobDeclaration<?, ?> declaration, String jobDefinitionId) {
        ProcessDefinitionImpl definition = declaration == null ? null : declaration.getProcessDefinition();
        if (definition == null && execution != null) {
            definition = execution.getProcessDefinition();
        }
        if (definition instanceof ProcessDefinitionEntity entity) {
            return entity.getTenantId() == null ? PLATFORM : ACCOUNT_FLOW;
        }
        return super.determinePriority(execution, declaration, jobDefinitionId);
    }
}
