package dev.consentflow.privacy.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** {@code Task_RecordExportRejection}: the admin refused; the export is never released. */
@Component
class RecordExportRejectionDelegate extends DecisionDelegate {

    private final ExportRequests requests;

    RecordExportRejectionDelegate(ExportRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.recordRejection(ExportApprovalProcess.Var.requestId(execution.getProcessBusinessKey()),
                decidedBy(execution, ExportApprovalProcess.Var.DECIDED_BY), execution.getProcessInstanceId());
    }
}
