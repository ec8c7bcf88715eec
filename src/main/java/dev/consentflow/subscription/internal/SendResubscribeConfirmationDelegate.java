package dev.consentflow.subscription.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendConfirmation} of {@code resubscribe}: the link, saying a confirmed opt-in is required. */
@Component
class SendResubscribeConfirmationDelegate implements JavaDelegate {

    private final ResubscriptionSender sender;

    SendResubscribeConfirmationDelegate(ResubscriptionSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.send(execution.getProcessInstanceId());
    }
}
