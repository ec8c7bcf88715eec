package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_StartResubscription} of the double opt-in: an erased address's signup becomes a resubscription. */
@Component
class StartResubscriptionDelegate implements JavaDelegate {

    private final ResubscriptionDesk desk;

    StartResubscriptionDelegate(ResubscriptionDesk desk) {
        this.desk = desk;
    }

    @Override
    public void execute(DelegateExecution execution) {
        desk.handOver(Var.requestId(execution.getProcessBusinessKey()), Var.tombstoneId(execution::getVariable));
    }
}
