package dev.consentflow.subscription.internal;

import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendWelcome}: the list's built-in welcome message. */
@Component
class SendWelcomeDelegate implements JavaDelegate {

    private final SubscriptionActivator activator;

    SendWelcomeDelegate(SubscriptionActivator activator) {
        this.activator = activator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        activator.sendWelcome(execution.getProcessInstanceId(), Variables.account(execution::getVariable),
                Var.subscriberId(execution::getVariable),
                Var.subscriptionId(execution::getVariable), Var.channel(execution::getVariable));
    }
}
