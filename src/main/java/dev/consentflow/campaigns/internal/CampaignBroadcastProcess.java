package dev.consentflow.campaigns.internal;

import dev.consentflow.engine.Variables;
import java.util.UUID;
import java.util.function.Function;

/** The ids and variables of {@code processes/campaign-broadcast.bpmn}, in one place. */
final class CampaignBroadcastProcess {

    static final String ID = "campaign-broadcast";

    private CampaignBroadcastProcess() {
    }

    static final class Task {
        static final String FREEZE_AUDIENCE = "Task_FreezeAudience";
        static final String ENQUEUE_MESSAGES = "Task_EnqueueMessages";
        static final String CHECK_LEDGER = "Task_CheckLedger";
        static final String CLOSE_CAMPAIGN = "Task_CloseCampaign";

        private Task() {
        }
    }

    static final class Gateway {
        static final String ALL_ENQUEUED = "Gateway_AllEnqueued";
        static final String LEDGER_CLOSED = "Gateway_LedgerClosed";

        private Gateway() {
        }
    }

    static final class Event {
        static final String SEND_REQUESTED = "StartEvent_SendRequested";
        static final String POLL_INTERVAL_PASSED = "Event_PollIntervalPassed";
        static final String CAMPAIGN_SENT = "EndEvent_CampaignSent";

        private Event() {
        }
    }

    /** The variables: ids and primitives only. The business key is the campaign id. */
    static final class Var {
        static final String ACCOUNT_ID = "accountId";
        static final String CAMPAIGN_ID = "campaignId";
        /** ISO-8601 duration between two looks at the dispatch ledger. */
        static final String POLL_INTERVAL = "pollInterval";
        /** Set by {@code Task_EnqueueMessages}: whether no frozen recipient waits to be enqueued any more. */
        static final String ALL_ENQUEUED = "allEnqueued";
        /** Set by {@code Task_CheckLedger}: whether every message of the campaign reached an end state. */
        static final String LEDGER_CLOSED = "ledgerClosed";

        private Var() {
        }

        static UUID campaignId(Function<String, Object> variables) {
            return Variables.uuid(variables, CAMPAIGN_ID);
        }
    }
}
