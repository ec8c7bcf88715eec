package dev.consentflow.privacy.internal;

import dev.consentflow.engine.ProcessRuntime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Starts the export-approval and access-request processes and completes their user tasks: ids only. */
@Component
class ExportProcesses {

    private final ProcessRuntime runtime;
    private final ExportSettings settings;

    ExportProcesses(ProcessRuntime runtime, ExportSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    /** A person's export names the person, so it shows in their engine history (and is scrubbed with it). */
    String startApproval(ExportRequest request) {
        Map<String, Object> variables = new HashMap<>(Map.of(
                ExportApprovalProcess.Var.ACCOUNT_ID, request.accountId(),
                ExportApprovalProcess.Var.ADMIN_GROUP, ExportApprovalProcess.Var.adminGroup(request.accountId()),
                ExportApprovalProcess.Var.DECISION_TIMEOUT, settings.decisionTimeout().toString(),
                ExportApprovalProcess.Var.RELEASE_VALID_FOR, settings.releaseValidFor().toString()));
        if (request.subscriberId() != null) {
            variables.put(ExportApprovalProcess.Var.SUBSCRIBER_ID, request.subscriberId());
        }
        return runtime.start(ExportApprovalProcess.ID, request.id().toString(), variables);
    }

    /** Completes the admins' task with the decision; false when the instance no longer waits for one. */
    boolean decide(String instance, boolean approve, String actor) {
        return runtime.completeTask(instance, ExportApprovalProcess.Task.DECIDE_ON_EXPORT, Map.of(
                ExportApprovalProcess.Var.APPROVED, approve, ExportApprovalProcess.Var.DECIDED_BY, actor));
    }

    String startAccessRequest(AccessRequest request) {
        return runtime.start(AccessRequestProcess.ID, request.id().toString(), Map.of(
                AccessRequestProcess.Var.ACCOUNT_ID, request.accountId(),
                AccessRequestProcess.Var.SUBSCRIBER_ID, request.subscriberId(),
                AccessRequestProcess.Var.OFFICERS_GROUP, AccessRequestProcess.Var.officersGroup(request.accountId()),
                AccessRequestProcess.Var.DUE_AT, Date.from(request.dueAt())));
    }

    /** Completes the officers' task: the person's data was delivered. False when it was completed before. */
    boolean delivered(String instance, String actor) {
        return runtime.completeTask(instance, AccessRequestProcess.Task.DELIVER_PERSONAL_DATA,
                Map.of(AccessRequestProcess.Var.DELIVERED_BY, actor));
    }
}
