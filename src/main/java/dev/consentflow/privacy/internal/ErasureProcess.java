package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.engine.EngineGroups;
import dev.consentflow.engine.ProcessHistory;
import dev.consentflow.engine.Variables;
import java.util.UUID;
import java.util.function.Function;

/** The ids, variables and decisions of {@code processes/gdpr-erasure.bpmn}, in one place. */
final class ErasureProcess {

    static final String ID = "gdpr-erasure";
    /** The Camunda Form of the approval task, {@code forms/erasure-approval.form}. */
    static final String APPROVAL_FORM = "erasure-approval";

    private ErasureProcess() {
    }

    static final class Task {
        static final String APPROVE_ERASURE = "Task_ApproveErasure";
        static final String RECORD_ERASURE_DECISION = "Task_RecordErasureDecision";
        static final String CHECK_ERASURE_REQUEST = "Task_CheckErasureRequest";
        static final String END_PERSONS_PROCESSES = "Task_EndPersonsProcesses";
        static final String SUPPRESS_PERSONS_MAIL = "Task_SuppressPersonsMail";
        static final String ERASE_CONTACT = "Task_EraseContact";
        static final String SEAL_ERASURE = "Task_SealErasure";

        private Task() {
        }
    }

    static final class Event {
        static final String ERASURE_REQUESTED = "StartEvent_ErasureRequested";
        static final String CONTACT_ERASED = "EndEvent_ContactErased";
        static final String ERASURE_REFUSED = "EndEvent_ErasureRefused";
        /** Where an approved erasure waits for its job: the approval commits first. */
        static final String ERASURE_APPROVED = "Event_ErasureApproved";

        private Event() {
        }
    }

    /** The variables: ids and primitives only (never the reason), with typed accessors over any variable source. */
    static final class Var {
        static final String ACCOUNT_ID = "accountId";
        /** The name {@link ProcessHistory} finds the person's processes by. */
        static final String SUBSCRIBER_ID = ProcessHistory.SUBSCRIBER_VARIABLE;
        static final String APPROVAL_REQUIRED = "approvalRequired";
        /** The candidate group of the approval task: the account's admins ({@link EngineGroups#admins}). */
        static final String ADMIN_GROUP = "adminGroup";
        /** {@link Decision} as a string, set by the approval task's form (or, for the record, the API). */
        static final String DECISION = "erasureDecision";
        /** What {@code Gateway_ErasureApproved} reads: the decision as recorded (no clear yes is a no). */
        static final String ERASURE_APPROVED = "erasureApproved";
        /** Transient, like the two after it: handed from a step to the sealing step of the same job only. */
        static final String PROCESSES_ENDED = "processesEnded";
        static final String MESSAGES_SUPPRESSED = "messagesSuppressed";
        static final String CONTACT_ERASED = "contactErased";

        private Var() {
        }

        static AccountId account(Function<String, Object> variables) {
            return Variables.account(variables);
        }

        static SubscriberId subscriberId(Function<String, Object> variables) {
            return new SubscriberId(Variables.uuid(variables, SUBSCRIBER_ID));
        }

        static UUID requestId(String businessKey) {
            return UUID.fromString(businessKey);
        }

        /** A missing or unknown decision counts as a rejection: nothing is erased without a clear yes. */
        static Decision decision(Function<String, Object> variables) {
            return Decision.APPROVED.name().equals(variables.apply(DECISION)) ? Decision.APPROVED : Decision.REJECTED;
        }

        static int count(Function<String, Object> variables, String name) {
            Object value = variables.apply(name);
            return value instanceof Number number ? number.intValue() : 0;
        }

        static boolean flag(Function<String, Object> variables, String name) {
            return Boolean.TRUE.equals(variables.apply(name));
        }
    }

    /** What the second person decided. */
    enum Decision {
        APPROVED,
        REJECTED
    }
}
