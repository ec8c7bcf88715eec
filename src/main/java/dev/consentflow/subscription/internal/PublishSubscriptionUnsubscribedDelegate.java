package dev.consentflow.subscription.internal;

import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.internal.UnsubscribeProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Event_SubscriptionUnsubscribed}: publishes {@code subscription.unsubscribed} per list that changed, which
 * ends every automation of the person on it (none running is fine).
 */
@Component
class PublishSubscriptionUnsubscribedDelegate implements JavaDelegate {

    private final Unsubscriber unsubscriber;

    PublishSubscriptionUnsubscribedDelegate(Unsubscriber unsubscriber) {
        this.unsubscriber = unsubscriber;
    }

    @Override
    public void execute(DelegateExecution execution) {
        unsubscriber.publishUnsubscribed(Variables.account(execution::getVariable), Var.subscriberId(execution::getVariable),
                Var.unsubscribedListKeys(execution::getVariable), Var.channel(execution::getVariable));
    }
}
