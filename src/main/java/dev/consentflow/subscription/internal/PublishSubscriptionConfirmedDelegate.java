package dev.consentflow.subscription.internal;

import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Event_SubscriptionConfirmed} of {@code announce-confirmation}: publishes {@code subscription.confirmed} to automation flows; none listening is fine. */
@Component
class PublishSubscriptionConfirmedDelegate implements JavaDelegate {

    private final SubscriptionActivator activator;

    PublishSubscriptionConfirmedDelegate(SubscriptionActivator activator) {
        this.activator = activator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        activator.publishConfirmed(Variables.account(execution::getVariable), Var.subscriberId(execution::getVariable),
                Var.subscriptionId(execution::getVariable), Var.listKey(execution::getVariable));
    }
}
