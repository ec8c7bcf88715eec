package dev.consentflow.campaigns.internal;

import static dev.consentflow.support.ProcessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Event;
import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Gateway;
import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Task;
import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Var;
import dev.consentflow.support.ProcessTestEngine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/** Every path of {@code processes/campaign-broadcast.bpmn}, with the delegates replaced by mocks. */
@Deployment(resources = "processes/campaign-broadcast.bpmn")
class CampaignBroadcastProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    private final String campaignId = UUID.randomUUID().toString();
    private final JavaDelegate freezeAudience = mock(JavaDelegate.class);
    private final JavaDelegate closeCampaign = mock(JavaDelegate.class);
    private final Deque<Boolean> allEnqueued = new ArrayDeque<>();
    private final Deque<Boolean> ledgerClosed = new ArrayDeque<>();
    private int enqueueCalls;
    private int checkCalls;

    @BeforeEach
    void delegates() {
        Mocks.register("freezeAudienceDelegate", freezeAudience);
        Mocks.register("closeCampaignDelegate", closeCampaign);
        Mocks.register("enqueueMessagesDelegate", (JavaDelegate) e -> {
            enqueueCalls++;
            e.setVariable(Var.ALL_ENQUEUED, allEnqueued.pop());
        });
        Mocks.register("checkLedgerDelegate", (JavaDelegate) e -> {
            checkCalls++;
            e.setVariable(Var.LEDGER_CLOSED, ledgerClosed.pop());
        });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aCampaignWhoseLedgerClosesAtOnceIsSentAfterOneEnqueue() {
        allEnqueued.add(true);
        ledgerClosed.add(true);
        ProcessInstance instance = start();
        assertThat(instance).isWaitingAt(Task.FREEZE_AUDIENCE).hasNotPassed(Task.ENQUEUE_MESSAGES);

        assertThat(instance).executeJob(Task.FREEZE_AUDIENCE).isWaitingAt(Task.ENQUEUE_MESSAGES)
                .executeJob(Task.ENQUEUE_MESSAGES)
                .endedAt(Event.CAMPAIGN_SENT)
                .hasPassed(Task.FREEZE_AUDIENCE, Gateway.ALL_ENQUEUED, Task.CHECK_LEDGER, Gateway.LEDGER_CLOSED,
                        Task.CLOSE_CAMPAIGN)
                .hasNotPassed(Event.POLL_INTERVAL_PASSED);
        verifyCalls(1, 1, 1, 1);
    }

    @Test
    void aLargeAudienceIsEnqueuedByOneJobAfterAnotherUntilNoneIsLeft() {
        allEnqueued.addAll(List.of(false, false, true));
        ledgerClosed.add(true);
        ProcessInstance instance = start();

        assertThat(instance).executeJob(Task.FREEZE_AUDIENCE)
                .executeJob(Task.ENQUEUE_MESSAGES).isWaitingAt(Task.ENQUEUE_MESSAGES).hasNotPassed(Task.CHECK_LEDGER)
                .executeJob(Task.ENQUEUE_MESSAGES).isWaitingAt(Task.ENQUEUE_MESSAGES)
                .executeJob(Task.ENQUEUE_MESSAGES)
                .endedAt(Event.CAMPAIGN_SENT);
        verifyCalls(1, 3, 1, 1);
    }

    @Test
    void anOpenLedgerIsLookedAtAgainAfterThePollIntervalUntilItCloses() {
        allEnqueued.add(true);
        ledgerClosed.addAll(List.of(false, false, true));
        ProcessInstance instance = start();

        assertThat(instance).executeJob(Task.FREEZE_AUDIENCE).executeJob(Task.ENQUEUE_MESSAGES)
                .isWaitingAt(Event.POLL_INTERVAL_PASSED).hasNotPassed(Task.CLOSE_CAMPAIGN);
        assertThat(instance).hasNotPassed(Task.CLOSE_CAMPAIGN);
        assertThat(instance).executeJob(Event.POLL_INTERVAL_PASSED).isWaitingAt(Event.POLL_INTERVAL_PASSED)
                .executeJob(Event.POLL_INTERVAL_PASSED)
                .endedAt(Event.CAMPAIGN_SENT);
        verifyCalls(1, 1, 3, 1);
    }

    @Test
    void theVariablesAreIdsAndADuration() {
        allEnqueued.add(true);
        ledgerClosed.add(false);
        ProcessInstance instance = start();
        assertThat(instance).executeJob(Task.FREEZE_AUDIENCE).executeJob(Task.ENQUEUE_MESSAGES);
        Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
        assertThat(variables).containsOnlyKeys(Var.ACCOUNT_ID, Var.CAMPAIGN_ID, Var.POLL_INTERVAL, Var.ALL_ENQUEUED,
                Var.LEDGER_CLOSED);
        assertThat(instance.getBusinessKey()).isEqualTo(campaignId);
    }

    private ProcessInstance start() {
        return engine.getRuntimeService().startProcessInstanceByKey(CampaignBroadcastProcess.ID, campaignId, Map.of(
                Var.ACCOUNT_ID, UUID.randomUUID().toString(),
                Var.CAMPAIGN_ID, campaignId,
                Var.POLL_INTERVAL, "PT5S"));
    }

    private void verifyCalls(int freezes, int enqueues, int checks, int closes) {
        try {
            verify(freezeAudience, times(freezes)).execute(any(DelegateExecution.class));
            verify(closeCampaign, times(closes)).execute(any(DelegateExecution.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(enqueueCalls).isEqualTo(enqueues);
        assertThat(checkCalls).isEqualTo(checks);
    }
}
