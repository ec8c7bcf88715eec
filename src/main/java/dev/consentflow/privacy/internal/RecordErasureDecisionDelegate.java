package dev.consentflow.privacy.internal;

import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordErasureDecision}: the approval task's decision goes to the request and the audit log. Decided
 * through the API, the decider is the key ({@code decidedBy}); decided in the engine's tasklist, it is the
 * signed-in engine user, whose completion runs this step in the same call.
 */
@Component
class RecordErasureDecisionDelegate implements JavaDelegate {

    private final ErasureOutcomes outcomes;

    RecordErasureDecisionDelegate(ErasureOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String decidedBy = Var.decidedBy(execution::getVariable);
        if (decidedBy == null) {
            Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            decidedBy = "engine:" + (user == null ? "unknown" : user.getUserId());
        }
        Decision decision = Var.decision(execution::getVariable);
        outcomes.recordDecision(Var.requestId(execution.getProcessBusinessKey()), execution.getProcessInstanceId(),
                decision, decidedBy);
        execution.setVariable(Var.ERASURE_APPROVED, decision == Decision.APPROVED);
    }
}
