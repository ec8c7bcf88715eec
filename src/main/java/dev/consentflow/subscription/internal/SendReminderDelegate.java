package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Purpose;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendReminder}: the one reminder, with a fresh link to the same instance. */
@Component
class SendReminderDelegate implements JavaDelegate {

    private final ConfirmationSender sender;

    SendReminderDelegate(ConfirmationSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.send(execution.getProcessInstanceId(), Purpose.CONFIRMATION_REMINDER);
    }
}
