package dev.consentflow.privacy.internal;

import dev.consentflow.engine.EngineGroups;
import java.util.UUID;

/** The ids and variables of {@code processes/access-request.bpmn}, in one place. */
final class AccessRequestProcess {

    static final String ID = "access-request";

    private AccessRequestProcess() {
    }

    static final class Task {
        /** The user task of the account's compliance officers and admins: completed by delivering the export. */
        static final String DELIVER_PERSONAL_DATA = "Task_DeliverPersonalData";
        static final String RECORD_DELIVERY = "Task_RecordAccessDelivery";
        static final String ESCALATE = "Task_EscalateAccessRequest";

        private Task() {
        }
    }

    static final class Event {
        static final String ACCESS_REQUESTED = "StartEvent_AccessRequested";
        static final String DEADLINE_PASSED = "BoundaryEvent_DeadlinePassed";
        static final String ACCESS_ANSWERED = "EndEvent_AccessAnswered";
        static final String COMPLIANCE_ALERTED = "EndEvent_ComplianceAlerted";

        private Event() {
        }
    }

    static final class Var {
        static final String ACCOUNT_ID = "accountId";
        /** The person, by id: so the person's engine history shows this process too. */
        static final String SUBSCRIBER_ID = "subscriberId";
        static final String OFFICERS_GROUP = "officersGroup";
        static final String DUE_AT = "dueAt";
        static final String DELIVERED_BY = "deliveredBy";

        private Var() {
        }

        static UUID requestId(String businessKey) {
            return UUID.fromString(businessKey);
        }

        /** The engine groups whose members answer an account's access requests: its compliance officers, admins. */
        static String officersGroup(UUID accountId) {
            return EngineGroups.compliance(accountId) + "," + EngineGroups.admins(accountId);
        }
    }
}
