package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.engine.Variables;
import java.util.function.Function;

/**
 * The ids, messages and variables of {@code processes/resubscribe.bpmn}, in one place. The variables the
 * {@code subscription.confirmed} message carries have the double opt-in's names, so automation flows and the
 * one publishing delegate treat a resubscribed contact like any other confirmed one.
 */
final class ResubscriptionProcess {

    static final String ID = "resubscribe";

    private ResubscriptionProcess() {
    }

    static final class Task {
        static final String REGISTER_RESUBSCRIPTION = "Task_RegisterResubscription";
        static final String SEND_CONFIRMATION = "Task_SendConfirmation";
        static final String SEND_CONFIRMATION_AGAIN = "Task_SendConfirmationAgain";
        static final String CREATE_CONTACT = "Task_CreateContact";
        static final String SEND_WELCOME = "Task_SendWelcome";
        static final String PURGE_PENDING_RESUBSCRIPTION = "Task_PurgePendingResubscription";

        private Task() {
        }
    }

    static final class Gateway {
        /** The event-based wait for the click or the expiry: where the instance waits. */
        static final String AWAIT_CONFIRMATION = "Gateway_AwaitConfirmation";

        private Gateway() {
        }
    }

    static final class Event {
        static final String RESUBSCRIPTION_REQUESTED = "StartEvent_ResubscriptionRequested";
        static final String CONFIRMATION_RECEIVED = "Event_ConfirmationReceived";
        static final String CONFIRMATION_EXPIRED = "Event_ConfirmationExpired";
        static final String SUBSCRIPTION_CONFIRMED = "Event_SubscriptionConfirmed";
        static final String CONTACT_RESUBSCRIBED = "EndEvent_ContactResubscribed";
        static final String NOTHING_TO_RESUBSCRIBE = "EndEvent_NothingToResubscribe";
        static final String RESUBSCRIPTION_EXPIRED = "EndEvent_ResubscriptionExpired";
        static final String CONFIRMATION_SENT_AGAIN = "EndEvent_ConfirmationSentAgain";
        static final String CONFIRMATION_RECENTLY_SENT = "EndEvent_ConfirmationRecentlySent";

        private Event() {
        }
    }

    static final class Message {
        /** The person clicked the resubscribe confirmation link: correlated by process instance id. */
        static final String CONFIRMATION_RECEIVED = "subscription.resubscribeConfirmationReceived";

        private Message() {
        }
    }

    /** The variables: ids and primitives only, with typed accessors over any variable source. */
    static final class Var {
        static final String ACCOUNT_ID = DoubleOptInProcess.Var.ACCOUNT_ID;
        static final String TOMBSTONE_ID = "tombstoneId";
        static final String RESUBSCRIPTION_ID = "resubscriptionId";
        static final String LIST_KEY = DoubleOptInProcess.Var.LIST_KEY;
        static final String CHANNEL = DoubleOptInProcess.Var.CHANNEL;
        static final String NEW_REQUEST = "newRequest";
        static final String RESUBSCRIPTION_OUTCOME = "resubscriptionOutcome";
        static final String EXPIRES_AT = DoubleOptInProcess.Var.EXPIRES_AT;
        /** The card the person came back as, once confirmed: the engine history is read by this name. */
        static final String SUBSCRIBER_ID = DoubleOptInProcess.Var.SUBSCRIBER_ID;
        static final String SUBSCRIPTION_ID = DoubleOptInProcess.Var.SUBSCRIPTION_ID;
        static final String SUBSCRIPTION_CONFIRMED = DoubleOptInProcess.Var.SUBSCRIPTION_CONFIRMED;

        private Var() {
        }

        static SubscriberId tombstoneId(Function<String, Object> variables) {
            return new SubscriberId(Variables.uuid(variables, TOMBSTONE_ID));
        }

        static ResubscriptionId resubscriptionId(Function<String, Object> variables) {
            return new ResubscriptionId(Variables.uuid(variables, RESUBSCRIPTION_ID));
        }

        static String listKey(Function<String, Object> variables) {
            return (String) variables.apply(LIST_KEY);
        }

        static Channel channel(Function<String, Object> variables) {
            return Channel.valueOf((String) variables.apply(CHANNEL));
        }

        static boolean newRequest(Function<String, Object> variables) {
            return Boolean.TRUE.equals(variables.apply(NEW_REQUEST));
        }
    }

    /** What registering a resubscription found, as the gateway {@code Gateway_ResubscriptionKnown} reads it. */
    enum Outcome {
        NEW_REQUEST,
        CONFIRMATION_DUE,
        CONFIRMATION_RECENT
    }
}
