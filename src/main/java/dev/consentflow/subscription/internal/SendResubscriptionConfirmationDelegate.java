package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Purpose;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import dev.consentflow.dispatch.Purpose;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendConfirmation} of {@code resubscribe}: the link, saying a confirmed opt-in is required. The bean
 * keeps the name every deployed version of the process calls.
 */
@Component("sendResubscribeConfirmationDelegate")
class SendResubscriptionConfirmationDelegate implements JavaDelegate {

    private final ConfirmationSender sender;

    SendResubscriptionConfirmationDelegate(ConfirmationSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.send(execution.getProcessInstanceId(), Purpose.CONFIRMATION);
    }
}
