package dev.consentflow.subscription.internal;


import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendConfirmationAgain}: a repeated signup, after the throttle window, gets a new link to the waiting instance. */
@Component
class SendConfirmationAgainDelegate implements JavaDelegate {

    private final ConfirmationSender sender;

    SendConfirmationAgainDelegate(ConfirmationSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.sendAgain(ConfirmationPurpose.SIGNUP,
                DoubleOptInProcess.Var.subscriptionId(execution::getVariable).value());
    }
}
