package dev.consentflow.engine.internal;

import java.util.List;
import org.operaton.bpm.engine.impl.ProcessEngineImpl;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandExecutor;
import org.operaton.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.operaton.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.operaton.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.operaton.bpm.engine.impl.jobexecutor.SuccessfulJobListener;
import org.operaton.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;

/**
 * The Spring job executor, running each job it acquired through {@link ExecuteAdmittedJobCmd}: the platform's jobs
 * run at once in their own transaction, a job of an account's flow first takes its slot in a short transaction
 * and then runs in the next one, or is postponed instead of run when the account is over its limit. Acquisition
 * is unchanged (by priority, then due date: {@link FlowFairness}).
 */
class FairJobExecutor extends SpringJobExecutor {

    private final FlowJobLimit limit;

    FairJobExecutor(FlowJobLimit limit) {
        this.limit = limit;
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
        return new ExecuteJobsRunnable(jobIds, processEngine) {
            @Override
            protected void executeJob(String jobId, CommandExecutor commands, JobFailureCollector failures) {
                ExecuteAdmittedJobCmd job = new ExecuteAdmittedJobCmd(jobId, failures, getLockOwner(), limit);
                ExecuteJobHelper.executeJob(successOnlyWhenRan(commands, job), failures, job,
                        processEngine.getProcessEngineConfiguration());
                if (job.outcome() == ExecuteAdmittedJobCmd.Outcome.ADMITTED) {
                    super.executeJob(jobId, commands, failures);
                }
            }
        };
    }

    /** The engine counts a job as successful once, when it ran, not when it only took its slot. */
    private static CommandExecutor successOnlyWhenRan(CommandExecutor commands, ExecuteAdmittedJobCmd job) {
        return new CommandExecutor() {
            @Override
            public <T> T execute(Command<T> command) {
                if (command instanceof SuccessfulJobListener
                        && job.outcome() != ExecuteAdmittedJobCmd.Outcome.RAN) {
                    return null;
                }
                return commands.execute(command);
            }
        };
    }
}
