package dev.consentflow.privacy.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** {@code Task_RecordAccessDelivery}: the person's data was delivered; the request is answered. */
@Component
class RecordAccessDeliveryDelegate extends DecisionDelegate {

    private final AccessRequests requests;

    RecordAccessDeliveryDelegate(AccessRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.recordDelivery(AccessRequestProcess.Var.requestId(execution.getProcessBusinessKey()),
                decidedBy(execution, AccessRequestProcess.Var.DELIVERED_BY), execution.getProcessInstanceId());
    }
}
