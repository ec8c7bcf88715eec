package dev.consentflow.privacy.internal;

import dev.consentflow.privacy.internal.ErasureProcess.Var;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SealErasure}: the request ends ERASED and the audit log gets its one ERASED entry. */
@Component
class SealErasureDelegate implements JavaDelegate {

    private final ErasureOutcomes outcomes;

    SealErasureDelegate(ErasureOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        outcomes.sealErased(Var.requestId(execution.getProcessBusinessKey()), execution.getProcessInstanceId(),
                Var.count(execution::getVariable, Var.PROCESSES_ENDED),
                Var.count(execution::getVariable, Var.MESSAGES_SUPPRESSED),
                Var.flag(execution::getVariable, Var.CONTACT_ERASED));
    }
}
