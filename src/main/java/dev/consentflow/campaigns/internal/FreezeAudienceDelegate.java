package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Var;
import dev.consentflow.engine.Variables;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_FreezeAudience}: the list's CONFIRMED subscriptions become the campaign's recipients. */
@Component
class FreezeAudienceDelegate implements JavaDelegate {

    private final CampaignBroadcast broadcast;

    FreezeAudienceDelegate(CampaignBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void execute(DelegateExecution execution) {
        broadcast.freezeAudience(Variables.account(execution::getVariable), Var.campaignId(execution::getVariable));
    }
}
