package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import dev.consentflow.engine.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckLedger}: whether every message of the campaign reached an end state (and, on the way, whether
 * its bounce and complaint rates pause it).
 */
@Component
class CheckLedgerDelegate implements JavaDelegate {

    private final CampaignBroadcast broadcast;

    CheckLedgerDelegate(CampaignBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Var.LEDGER_CLOSED, broadcast.ledgerClosed(Variables.account(execution::getVariable),
                Var.campaignId(execution::getVariable)));
    }
}
