package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Purpose;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendConfirmation}: the confirmation link, by mail or SMS. */
@Component
class SendConfirmationDelegate implements JavaDelegate {

    private final ConfirmationSender sender;

    SendConfirmationDelegate(ConfirmationSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.send(execution.getProcessInstanceId(), Purpose.CONFIRMATION);
    }
}
