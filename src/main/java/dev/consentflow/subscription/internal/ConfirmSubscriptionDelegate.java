package dev.consentflow.subscription.internal;


import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ConfirmSubscription}: CONFIRMED with the click's evidence, once. */
@Component
class ConfirmSubscriptionDelegate implements JavaDelegate {

    private final SubscriptionActivator activator;

    ConfirmSubscriptionDelegate(SubscriptionActivator activator) {
        this.activator = activator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(DoubleOptInProcess.Var.SUBSCRIPTION_CONFIRMED,
                activator.confirm(execution.getProcessInstanceId()));
    }
}
