package dev.consentflow.subscription.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_PurgePendingResubscription}: an unconfirmed resubscription expired; its pending data goes. */
@Component
class PurgePendingResubscriptionDelegate implements JavaDelegate {

    private final ExpiredConfirmations expired;

    PurgePendingResubscriptionDelegate(ExpiredConfirmations expired) {
        this.expired = expired;
    }

    @Override
    public void execute(DelegateExecution execution) {
        expired.purge(execution.getProcessInstanceId());
    }
}
