package dev.consentflow.privacy.internal;

import dev.consentflow.engine.Variables;
import dev.consentflow.privacy.internal.ErasureProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckErasureRequest}: nothing is erased unless the request of this instance runs, for the person
 * its variables name (an instance started, or a variable changed, through the engine's REST API erases nobody).
 */
@Component
class CheckErasureRequestDelegate implements JavaDelegate {

    private final ErasureOutcomes outcomes;

    CheckErasureRequestDelegate(ErasureOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        outcomes.requireProceeding(Var.requestId(execution.getProcessBusinessKey()), execution.getProcessInstanceId(),
                Variables.account(execution::getVariable), Var.subscriberId(execution::getVariable));
    }
}
