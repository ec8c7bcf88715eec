package dev.consentflow.privacy.internal;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CloseExportRelease}: the download window ran out; downloads answer 410 from now on. */
@Component
class CloseExportReleaseDelegate implements JavaDelegate {

    private final ExportRequests requests;

    CloseExportReleaseDelegate(ExportRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.expire(ExportApprovalProcess.Var.requestId(execution.getProcessBusinessKey()),
                execution.getProcessInstanceId());
    }
}
