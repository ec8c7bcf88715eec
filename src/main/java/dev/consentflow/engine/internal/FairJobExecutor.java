package dev.consentflow.engine.internal;

import java.util.List;
import org.operaton.bpm.engine.impl.ProcessEngineImpl;
import org.operaton.bpm.engine.impl.interceptor.CommandExecutor;
import org.operaton.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.operaton.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.operaton.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spring job executor, asking {@link AdmitFlowJobCmd} before each job it acquired: a job of an account's flow
 * over the account's limit is postponed instead of run. Acquisition is unchanged (by priority, then due date:
 * {@link FlowFairness}).
 */
class FairJobExecutor extends SpringJobExecutor {

    private static final Logger log = LoggerFactory.getLogger(FairJobExecutor.class);

    private final FlowJobLimit limit;

    FairJobExecutor(FlowJobLimit limit) {
        this.limit = limit;
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
        return new ExecuteJobsRunnable(jobIds, processEngine) {
            @Override
            protected void executeJob(String jobId, CommandExecutor commands, JobFailureCollector failures) {
                if (admitted(jobId, commands)) {
                    super.executeJob(jobId, commands, failures);
                }
            }
        };
    }

    /** Fails open: a job whose admission could not be decided runs, as it would without limits. */
    private boolean admitted(String jobId, CommandExecutor commands) {
        try {
            return commands.execute(new AdmitFlowJobCmd(jobId, getLockOwner(), limit));
        } catch (RuntimeException e) {
            log.warn("Job {} runs without its flow's job limit checked: {}", jobId, e.toString());
            return true;
        }
    }
}
