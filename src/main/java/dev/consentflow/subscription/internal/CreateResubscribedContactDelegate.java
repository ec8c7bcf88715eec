package dev.consentflow.subscription.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CreateContact}: the new card, CONFIRMED on the list with the request's and the click's evidence. */
@Component
class CreateResubscribedContactDelegate implements JavaDelegate {

    private final ClickHandOver handOver;

    CreateResubscribedContactDelegate(ClickHandOver handOver) {
        this.handOver = handOver;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(handOver.confirm(execution.getProcessInstanceId()));
    }
}
