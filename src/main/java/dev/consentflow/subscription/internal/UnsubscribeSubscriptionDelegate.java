package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.internal.UnsubscribeProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_UnsubscribeSubscription}: the list, or the brand, UNSUBSCRIBED with the request's evidence. */
@Component
class UnsubscribeSubscriptionDelegate implements JavaDelegate {

    private final Unsubscriber unsubscriber;

    UnsubscribeSubscriptionDelegate(Unsubscriber unsubscriber) {
        this.unsubscriber = unsubscriber;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(unsubscriber.unsubscribe(Var.requestId(execution.getProcessBusinessKey()),
                execution.getProcessInstanceId()));
    }
}
