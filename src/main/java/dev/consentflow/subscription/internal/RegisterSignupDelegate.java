package dev.consentflow.subscription.internal;


import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RegisterSignup}: the pending subscription with its consent evidence, and what the signup needs. */
@Component
class RegisterSignupDelegate implements JavaDelegate {

    private final SignupRegistrar registrar;

    RegisterSignupDelegate(SignupRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(registrar.register(DoubleOptInProcess.Var.requestId(execution.getProcessBusinessKey()),
                execution.getProcessInstanceId()).variables());
    }
}
