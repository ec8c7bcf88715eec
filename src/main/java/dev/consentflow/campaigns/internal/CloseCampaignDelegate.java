package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Var;
import dev.consentflow.engine.Variables;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CloseCampaign}: SENT, with the final ledger. */
@Component
class CloseCampaignDelegate implements JavaDelegate {

    private final CampaignBroadcast broadcast;

    CloseCampaignDelegate(CampaignBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void execute(DelegateExecution execution) {
        broadcast.close(Variables.account(execution::getVariable), Var.campaignId(execution::getVariable));
    }
}
