package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckLedger}: whether every message of the campaign reached an end state. */
@Component
class CheckLedgerDelegate implements JavaDelegate {

    private final CampaignBroadcast broadcast;

    CheckLedgerDelegate(CampaignBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Var.LEDGER_CLOSED, broadcast.ledgerClosed(Var.campaignId(execution::getVariable)));
    }
}
