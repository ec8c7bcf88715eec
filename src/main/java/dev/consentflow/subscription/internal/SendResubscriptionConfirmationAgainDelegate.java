package dev.consentflow.subscription.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendConfirmationAgain} of {@code resubscribe}: a new link to the instance that waits already. The
 * bean keeps the name every deployed version of the process calls.
 */
@Component("sendResubscribeConfirmationAgainDelegate")
class SendResubscriptionConfirmationAgainDelegate implements JavaDelegate {

    private final ConfirmationSender sender;

    SendResubscriptionConfirmationAgainDelegate(ConfirmationSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.sendAgain(ConfirmationPurpose.RESUBSCRIPTION,
                ResubscriptionProcess.Var.resubscriptionId(execution::getVariable).value());
    }
}
