package dev.consentflow.privacy.internal;

import dev.consentflow.engine.EngineGroups;
import java.util.UUID;

/** The ids and variables of {@code processes/export-approval.bpmn}, in one place. */
final class ExportApprovalProcess {

    static final String ID = "export-approval";

    private ExportApprovalProcess() {
    }

    static final class Task {
        /** The user task before the account's admins (candidate group {@link Var#adminGroup}). */
        static final String DECIDE_ON_EXPORT = "Task_DecideOnExport";
        static final String RELEASE_EXPORT = "Task_ReleaseExport";
        static final String RECORD_REJECTION = "Task_RecordExportRejection";
        static final String EXPIRE_REQUEST = "Task_ExpireExportRequest";
        static final String CLOSE_RELEASE = "Task_CloseExportRelease";

        private Task() {
        }
    }

    static final class Event {
        static final String EXPORT_REQUESTED = "StartEvent_ExportRequested";
        static final String DECISION_OVERDUE = "BoundaryEvent_DecisionOverdue";
        static final String RELEASE_RAN_OUT = "Event_ReleaseRanOut";
        static final String RELEASE_CLOSED = "EndEvent_ReleaseClosed";
        static final String EXPORT_REFUSED = "EndEvent_ExportRefused";
        static final String REQUEST_EXPIRED = "EndEvent_RequestExpired";

        private Event() {
        }
    }

    static final class Var {
        static final String ACCOUNT_ID = "accountId";
        /** The person, for a person's export only. */
        static final String SUBSCRIBER_ID = "subscriberId";
        static final String ADMIN_GROUP = "adminGroup";
        static final String DECISION_TIMEOUT = "decisionTimeout";
        static final String RELEASE_VALID_FOR = "releaseValidFor";
        /** The admin's decision: true releases the export (set by the API or the tasklist form). */
        static final String APPROVED = "approved";
        /** Who decided, as the audit log names actors ({@code admin:<keyId>}); absent from the tasklist. */
        static final String DECIDED_BY = "decidedBy";

        private Var() {
        }

        /** The engine group whose members decide for an account: its admins. */
        static String adminGroup(UUID accountId) {
            return EngineGroups.admins(accountId);
        }

        static UUID requestId(String businessKey) {
            return UUID.fromString(businessKey);
        }
    }
}
