package dev.consentflow.subscription.internal;


import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_PurgePendingSignup}: an unconfirmed signup expired; its pending data goes (storage limitation). */
@Component
class PurgePendingSignupDelegate implements JavaDelegate {

    private final ExpiredConfirmations expired;

    PurgePendingSignupDelegate(ExpiredConfirmations expired) {
        this.expired = expired;
    }

    @Override
    public void execute(DelegateExecution execution) {
        expired.purge(execution.getProcessInstanceId());
    }
}
