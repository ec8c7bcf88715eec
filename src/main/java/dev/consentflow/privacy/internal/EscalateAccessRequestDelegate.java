package dev.consentflow.privacy.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_EscalateAccessRequest}: the month passed undelivered; compliance officers see it as overdue. */
@Component
class EscalateAccessRequestDelegate implements JavaDelegate {

    private final AccessRequests requests;

    EscalateAccessRequestDelegate(AccessRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.escalate(AccessRequestProcess.Var.requestId(execution.getProcessBusinessKey()),
                execution.getProcessInstanceId());
    }
}
