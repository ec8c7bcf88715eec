package dev.consentflow.subscription.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendConfirmationAgain} of {@code resubscribe}: a new link to the instance that waits already. */
@Component
class SendResubscribeConfirmationAgainDelegate implements JavaDelegate {

    private final ResubscriptionSender sender;

    SendResubscribeConfirmationAgainDelegate(ResubscriptionSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.sendAgain(ResubscribeProcess.Var.resubscriptionId(execution::getVariable));
    }
}
