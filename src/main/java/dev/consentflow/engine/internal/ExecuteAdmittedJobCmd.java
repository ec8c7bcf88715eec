package dev.consentflow.engine.internal;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.operaton.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's own command that decides first, on the job row it reads anyway, whether the job may run now
 * ({@link FairJobExecutor}). Jobs of the platform's processes (definitions without a tenant), jobs of no process,
 * jobs another node locked since, a postponed flow job coming back at its slot, and every job while accounts' flows
 * are not limited need no admission: they run at once, in this one transaction, with no statement more than the
 * engine's own. A job of an account's own flow takes the account's next slot ({@link FlowJobLimit}) and does not
 * run here: this short transaction ends with the slot, so the account's slot row is locked only that long and not
 * while the flow's job runs (which would serialise all the account's jobs on every node). Then it runs in its own
 * transaction, or it is postponed: its due date moves to its slot and its lock is released, so any node runs it
 * then; its retries stay as they are and no incident is raised. It keeps its slot: marked with
 * {@link PlatformFirstJobPriorities#POSTPONED_FLOW}, it runs when it comes back without taking another (and comes
 * before the account's new jobs), so a job is postponed once, never starved by later ones.
 */
final class ExecuteAdmittedJobCmd extends ExecuteJobsCmd {

    private static final Logger log = LoggerFactory.getLogger(ExecuteAdmittedJobCmd.class);

    /** What the command did with the job. */
    enum Outcome {
        /** Ran (or tried to, as the engine's own command would have). */
        RAN,
        /** Took its slot and may run now, in a transaction of its own. */
        ADMITTED,
        /** Moved to its slot. */
        POSTPONED
    }

    private final String lockOwner;
    private final FlowJobLimit limit;
    private Outcome outcome = Outcome.RAN;

    ExecuteAdmittedJobCmd(String jobId, JobFailureCollector failures, String lockOwner, FlowJobLimit limit) {
        super(jobId, failures);
        this.lockOwner = lockOwner;
        this.limit = limit;
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    public Void execute(CommandContext context) {
        // The engine's command reads the same row again: from this command's entity cache, not the database.
        JobEntity job = jobId == null ? null : context.getDbEntityManager().selectById(JobEntity.class, jobId);
        String account = job == null ? null : accountFlowOf(job, context);
        if (account == null) {
            outcome = Outcome.RAN;
            return super.execute(context);
        }
        outcome = admit(job, account) ? Outcome.ADMITTED : Outcome.POSTPONED;
        return null;
    }

    /** The account whose own flow the job belongs to, when it must take a slot; null when it may just run. */
    private String accountFlowOf(JobEntity job, CommandContext context) {
        if (!mayNeedSlot(job)) {
            return null;
        }
        ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(job.getProcessDefinitionId());
        // The platform's definitions have no tenant (their instances carry the account's).
        return definition.getTenantId();
    }

    /**
     * Whether the job may be one that takes a slot, before its definition is looked at: not without a limit, not
     * a job of no process, not one another node locked since (the job's own command sorts that out, as it always
     * did), and not a postponed one coming back at its slot.
     */
    boolean mayNeedSlot(JobEntity job) {
        return limit.limited() && job.getProcessDefinitionId() != null && lockOwner.equals(job.getLockOwner())
                && job.getPriority() != PlatformFirstJobPriorities.POSTPONED_FLOW;
    }

    /** Takes the slot; fails open: a job whose admission could not be decided runs, as it would without limits. */
    boolean admit(JobEntity job, String account) {
        Optional<Instant> until;
        try {
            until = limit.postponedUntil(account, jobId, ClockUtil.getCurrentTime().toInstant());
        } catch (RuntimeException e) {
            log.warn("Job {} runs without its flow's job limit checked: {}", jobId, e.toString());
            return true;
        }
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
