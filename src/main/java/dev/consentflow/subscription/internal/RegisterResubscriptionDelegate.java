package dev.consentflow.subscription.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RegisterResubscription}: whether this request waits for a confirmation, or a waiting one exists. */
@Component
class RegisterResubscriptionDelegate implements JavaDelegate {

    private final ResubscriptionRegistrar registrar;

    RegisterResubscriptionDelegate(ResubscriptionRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(ResubscriptionProcess.Var.RESUBSCRIPTION_OUTCOME, registrar.register(
                execution.getProcessInstanceId(), execution.getProcessBusinessKey(), execution::getVariable).name());
    }
}
