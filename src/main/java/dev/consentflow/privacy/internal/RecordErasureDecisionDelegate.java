package dev.consentflow.privacy.internal;

import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordErasureDecision}: the decision of the approval task, as the request holds it (see
 * {@link ErasureOutcomes#recordDecision}); {@code Gateway_ErasureApproved} reads it. A tasklist user's completion
 * runs this step in the same call, signed in.
 */
@Component
class RecordErasureDecisionDelegate implements JavaDelegate {

    private final ErasureOutcomes outcomes;

    RecordErasureDecisionDelegate(ErasureOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        Decision decision = outcomes.recordDecision(Var.requestId(execution.getProcessBusinessKey()),
                Var.decision(execution::getVariable), user == null ? null : user.getUserId());
        execution.setVariable(Var.ERASURE_APPROVED, decision == Decision.APPROVED);
    }
}
