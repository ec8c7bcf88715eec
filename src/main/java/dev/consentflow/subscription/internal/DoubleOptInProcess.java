package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.engine.Variables;
import java.util.UUID;
import java.util.function.Function;

/** The ids, messages and variables of {@code processes/double-opt-in.bpmn}, in one place. */
final class DoubleOptInProcess {

    static final String ID = "double-opt-in";

    private DoubleOptInProcess() {
    }

    static final class Task {
        static final String REGISTER_SIGNUP = "Task_RegisterSignup";
        static final String SEND_CONFIRMATION = "Task_SendConfirmation";
        static final String SEND_CONFIRMATION_AGAIN = "Task_SendConfirmationAgain";
        static final String SEND_REMINDER = "Task_SendReminder";
        static final String CONFIRM_SUBSCRIPTION = "Task_ConfirmSubscription";
        static final String SEND_WELCOME = "Task_SendWelcome";
        static final String PURGE_PENDING_SIGNUP = "Task_PurgePendingSignup";
        /** An erased address's signup is handed over to the {@code resubscribe} process. */
        static final String START_RESUBSCRIPTION = "Task_StartResubscription";

        private Task() {
        }
    }

    static final class Gateway {
        /** The event-based wait for the click or the reminder: where a new signup waits. */
        static final String AWAIT_CONFIRMATION = "Gateway_AwaitConfirmation";
        /** The wait for the click or the expiry, once the reminder was due. */
        static final String AWAIT_CONFIRMATION_AFTER_REMINDER = "Gateway_AwaitConfirmationAfterReminder";

        private Gateway() {
        }
    }

    static final class Event {
        static final String SIGNUP_RECEIVED = "StartEvent_SignupReceived";
        static final String CONFIRMATION_RECEIVED = "Event_ConfirmationReceived";
        static final String CONFIRMATION_RECEIVED_AFTER_REMINDER = "Event_ConfirmationReceivedAfterReminder";
        /** The one timer a signup starts with. */
        static final String REMINDER_DUE = "Event_ReminderDue";
        /** The reminder could not be written, or came after the deadline: the instance waits on without it. */
        static final String REMINDER_NOT_SENT = "Event_ReminderNotSent";
        /** The expiry's timer, made when the reminder is due. */
        static final String CONFIRMATION_EXPIRED_AFTER_REMINDER = "Event_ConfirmationExpiredAfterReminder";
        static final String SUBSCRIPTION_CONFIRMED = "Event_SubscriptionConfirmed";
        static final String SUBSCRIPTION_ACTIVE = "EndEvent_SubscriptionActive";
        static final String SIGNUP_EXPIRED = "EndEvent_SignupExpired";
        static final String CONFIRMATION_SENT_AGAIN = "EndEvent_ConfirmationSentAgain";
        static final String CONFIRMATION_RECENTLY_SENT = "EndEvent_ConfirmationRecentlySent";
        static final String ALREADY_SUBSCRIBED = "EndEvent_AlreadySubscribed";
        static final String HANDED_OVER_TO_RESUBSCRIPTION = "EndEvent_HandedOverToResubscription";
        static final String NOTHING_TO_CONFIRM = "EndEvent_NothingToConfirm";

        private Event() {
        }
    }

    static final class Message {
        /** The person clicked the confirmation link: correlated by process instance id. */
        static final String CONFIRMATION_RECEIVED = "subscription.confirmationReceived";
        /** Published for automation flows once a subscription is confirmed. */
        static final String SUBSCRIPTION_CONFIRMED = "subscription.confirmed";

        private Message() {
        }
    }

    /** The variables: ids and primitives only, with typed accessors over any variable source. */
    static final class Var {
        static final String ACCOUNT_ID = "accountId";
        static final String SUBSCRIBER_ID = "subscriberId";
        static final String SUBSCRIPTION_ID = "subscriptionId";
        static final String LIST_KEY = "listKey";
        static final String CHANNEL = "channel";
        static final String SIGNUP_OUTCOME = "signupOutcome";
        static final String SUBSCRIPTION_CONFIRMED = "subscriptionConfirmed";
        static final String REMINDER_AFTER = "reminderAfter";
        static final String EXPIRES_AT = "expiresAt";
        /** Set for an erased address only: the tombstone the signup is handed over to resubscribe. */
        static final String TOMBSTONE_ID = "tombstoneId";

        private Var() {
        }

        static SubscriberId tombstoneId(Function<String, Object> variables) {
            return new SubscriberId(Variables.uuid(variables, TOMBSTONE_ID));
        }

        static SubscriberId subscriberId(Function<String, Object> variables) {
            return new SubscriberId(Variables.uuid(variables, SUBSCRIBER_ID));
        }

        static SubscriptionId subscriptionId(Function<String, Object> variables) {
            return new SubscriptionId(Variables.uuid(variables, SUBSCRIPTION_ID));
        }

        static Channel channel(Function<String, Object> variables) {
            return Channel.valueOf((String) variables.apply(CHANNEL));
        }

        static UUID requestId(String businessKey) {
            return UUID.fromString(businessKey);
        }

        static String listKey(Function<String, Object> variables) {
            return (String) variables.apply(LIST_KEY);
        }
    }

    /** What registering a signup found, as the gateway {@code Gateway_SignupKnown} reads it. */
    enum SignupOutcome {
        NEW_REQUEST,
        CONFIRMATION_DUE,
        CONFIRMATION_RECENT,
        ALREADY_CONFIRMED,
        ERASED
    }
}
