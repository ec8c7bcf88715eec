package dev.consentflow.subscription.internal;


import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ConfirmSubscription}: CONFIRMED with the click's evidence, once. */
@Component
class ConfirmSubscriptionDelegate implements JavaDelegate {

    private final ClickHandOver handOver;

    ConfirmSubscriptionDelegate(ClickHandOver handOver) {
        this.handOver = handOver;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(handOver.confirm(execution.getProcessInstanceId()));
    }
}
