package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;
import org.operaton.bpm.engine.impl.persistence.entity.MessageEntity;

/** Which jobs take a slot before they run, and what taking one does to the job (issue 13's limits, issue 19's cost). */
class ExecuteAdmittedJobCmdTest {

    private static final String NODE = "node-1";

    private final FlowJobLimit limit = mock(FlowJobLimit.class);
    private final ExecuteAdmittedJobCmd command = new ExecuteAdmittedJobCmd("job-1", new JobFailureCollector("job-1"),
            NODE, limit);

    @Test
    void aJobOfAProcessLockedByThisNodeMayNeedASlotWhileFlowsAreLimited() {
        when(limit.limited()).thenReturn(true);
        assertThat(command.mayNeedSlot(job("def-1", NODE, PlatformFirstJobPriorities.ACCOUNT_FLOW))).isTrue();
    }

    @Test
    void noJobTakesASlotWithoutALimit() {
        when(limit.limited()).thenReturn(false);
        assertThat(command.mayNeedSlot(job("def-1", NODE, PlatformFirstJobPriorities.ACCOUNT_FLOW))).isFalse();
    }

    @Test
    void aJobOfNoProcessAJobAnotherNodeLockedAndAPostponedJobComingBackTakeNoSlot() {
        when(limit.limited()).thenReturn(true);
        assertThat(command.mayNeedSlot(job(null, NODE, 0))).as("history cleanup, batches").isFalse();
        assertThat(command.mayNeedSlot(job("def-1", "node-2", 0))).as("locked by another node since").isFalse();
        assertThat(command.mayNeedSlot(job("def-1", NODE, PlatformFirstJobPriorities.POSTPONED_FLOW)))
                .as("postponed once, then runs at its slot").isFalse();
    }

    @Test
    void aFlowJobWithinTheLimitIsAdmittedAndLeftAsItIs() {
        JobEntity job = job("def-1", NODE, PlatformFirstJobPriorities.ACCOUNT_FLOW);
        when(limit.postponedUntil(eq("account-1"), eq("job-1"), any())).thenReturn(Optional.empty());

        assertThat(command.admit(job, "account-1")).isTrue();
        assertThat(job.getLockOwner()).isEqualTo(NODE);
        assertThat(job.getPriority()).isEqualTo(PlatformFirstJobPriorities.ACCOUNT_FLOW);
    }

    @Test
    void aFlowJobOverTheLimitMovesToItsSlotUnlockedWithItsRetries() {
        JobEntity job = job("def-1", NODE, PlatformFirstJobPriorities.ACCOUNT_FLOW);
        Instant slot = Instant.parse("2026-12-06T17:00:00Z");
        when(limit.postponedUntil(eq("account-1"), eq("job-1"), any())).thenReturn(Optional.of(slot));

        assertThat(command.admit(job, "account-1")).isFalse();
        assertThat(job.getDuedate()).isEqualTo(Date.from(slot));
        assertThat(job.getLockOwner()).isNull();
        assertThat(job.getLockExpirationTime()).isNull();
        assertThat(job.getPriority()).isEqualTo(PlatformFirstJobPriorities.POSTPONED_FLOW);
        assertThat(job.getRetries()).isEqualTo(3);
    }

    @Test
    void aSlotThatCannotBeTakenLetsTheJobRun() {
        JobEntity job = job("def-1", NODE, PlatformFirstJobPriorities.ACCOUNT_FLOW);
        when(limit.postponedUntil(any(), any(), any())).thenThrow(new IllegalStateException("database away"));

        assertThat(command.admit(job, "account-1")).isTrue();
        assertThat(job.getLockOwner()).isEqualTo(NODE);
        verify(limit, never()).limited();
    }

    private static JobEntity job(String definition, String lockOwner, long priority) {
        MessageEntity job = new MessageEntity();
        job.setId("job-1");
        job.setProcessDefinitionId(definition);
        job.setLockOwner(lockOwner);
        job.setLockExpirationTime(new Date());
        job.setPriority(priority);
        job.setRetries(3);
        return job;
    }
}
