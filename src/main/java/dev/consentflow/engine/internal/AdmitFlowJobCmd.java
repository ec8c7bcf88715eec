package dev.consentflow.engine.internal;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * Decides, in a short transaction of its own just before a job runs, whether it may run now: always for the
 * platform's processes (their definitions have no tenant) and jobs of no process; for an account's own flow only
 * within its job limit. A job over the limit is postponed: its due date moves to its slot and its lock is released,
 * so any node runs it then; its retries stay as they are and no incident is raised. It keeps its slot: marked with
 * {@link PlatformFirstJobPriorities#POSTPONED_FLOW}, it runs when it comes back without taking another (and comes
 * before the account's new jobs), so a job is postponed once, never starved by later ones.
 */
final class AdmitFlowJobCmd implements Command<Boolean> {

    private final String jobId;
    private final String lockOwner;
    private final FlowJobLimit limit;

    AdmitFlowJobCmd(String jobId, String lockOwner, FlowJobLimit limit) {
        this.jobId = jobId;
        this.lockOwner = lockOwner;
        this.limit = limit;
    }

    @Override
    public Boolean execute(CommandContext context) {
        JobEntity job = context.getJobManager().findJobById(jobId);
        // Gone, or locked by another node since: the job's own command sorts that out, as it always did.
        if (job == null || job.getProcessDefinitionId() == null || !lockOwner.equals(job.getLockOwner())) {
            return true;
        }
        ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(job.getProcessDefinitionId());
        String account = definition.getTenantId();
        if (account == null || job.getPriority() == PlatformFirstJobPriorities.POSTPONED_FLOW) {
            return true;
        }
        Optional<Instant> until = limit.postponedUntil(account, jobId, ClockUtil.getCurrentTime().toInstant());
        if (until.isEmpty()) {
            return true;
        }
        job.setDuedate(Date.from(until.get()));
        job.setLockOwner(null);
        job.setLockExpirationTime(null);
        job.setPriority(PlatformFirstJobPriorities.POSTPONED_FLOW);
        return false;
    }
}
