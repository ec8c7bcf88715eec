package dev.consentflow.privacy.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ExpireExportRequest}: no admin decided in time; the request expires unreleased. */
@Component
class ExpireExportRequestDelegate implements JavaDelegate {

    private final ExportRequests requests;

    ExpireExportRequestDelegate(ExportRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.expire(ExportApprovalProcess.Var.requestId(execution.getProcessBusinessKey()),
                execution.getProcessInstanceId());
    }
}
