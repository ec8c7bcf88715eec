package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Purpose;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendConfirmation}: the confirmation link, by mail or SMS. Within the start that registered the
 * request (always, as the model runs it), the request and its list come from {@link SignupInbox}; otherwise they
 * are read and the request locked.
 */
@Component
class SendConfirmationDelegate implements JavaDelegate {

    private final ConfirmationSender sender;
    private final SignupInbox inbox;

    SendConfirmationDelegate(ConfirmationSender sender, SignupInbox inbox) {
        this.sender = sender;
        this.inbox = inbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String instance = execution.getProcessInstanceId();
        inbox.takeFirstConfirmation(DoubleOptInProcess.Var.requestId(execution.getProcessBusinessKey()), instance)
                .ifPresentOrElse(first -> sender.sendFirst(first.request(), first.list(), first.link()),
                        () -> sender.send(instance, Purpose.CONFIRMATION));
    }
}
