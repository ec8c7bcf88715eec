package dev.consentflow.privacy.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** {@code Task_ReleaseExport}: the admin approved; the operator may download it for the configured time. */
@Component
class ReleaseExportDelegate extends DecisionDelegate {

    private final ExportRequests requests;

    ReleaseExportDelegate(ExportRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.release(ExportApprovalProcess.Var.requestId(execution.getProcessBusinessKey()),
                decidedBy(execution, ExportApprovalProcess.Var.DECIDED_BY), execution.getProcessInstanceId());
    }
}
