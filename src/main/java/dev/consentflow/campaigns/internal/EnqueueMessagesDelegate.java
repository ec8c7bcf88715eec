package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Var;
import dev.consentflow.engine.Variables;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_EnqueueMessages}: renders and enqueues the next pages of recipients. */
@Component
class EnqueueMessagesDelegate implements JavaDelegate {

    private final CampaignBroadcast broadcast;

    EnqueueMessagesDelegate(CampaignBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Var.ALL_ENQUEUED, broadcast.enqueueMessages(Variables.account(execution::getVariable),
                Var.campaignId(execution::getVariable)));
    }
}
