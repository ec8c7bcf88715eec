package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.engine.Variables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The ids, message and variables of {@code processes/unsubscribe.bpmn}, in one place. */
final class UnsubscribeProcess {

    static final String ID = "unsubscribe";

    private UnsubscribeProcess() {
    }

    static final class Task {
        static final String UNSUBSCRIBE_SUBSCRIPTION = "Task_UnsubscribeSubscription";

        private Task() {
        }
    }

    static final class Event {
        static final String UNSUBSCRIBE_REQUESTED = "StartEvent_UnsubscribeRequested";
        static final String SUBSCRIPTION_UNSUBSCRIBED = "Event_SubscriptionUnsubscribed";
        static final String AUTOMATION_STOPPED = "EndEvent_AutomationStopped";
        static final String ALREADY_UNSUBSCRIBED = "EndEvent_AlreadyUnsubscribed";
        static final String NOTHING_TO_STOP = "EndEvent_UnsubscribedNothingToStop";

        private Event() {
        }
    }

    static final class Message {
        /**
         * Published once per list that became UNSUBSCRIBED, to the instances whose {@code subscriberId} and
         * {@code listKey} match (and to processes that start on it), with the variables {@code accountId},
         * {@code subscriberId}, {@code listKey} and {@code unsubscribeChannel}.
         */
        static final String SUBSCRIPTION_UNSUBSCRIBED = "subscription.unsubscribed";

        private Message() {
        }
    }

    /** The variables: ids and primitives only (the IP travels through {@link UnsubscribeInbox}, never in here). */
    static final class Var {
        static final String ACCOUNT_ID = "accountId";
        static final String SUBSCRIBER_ID = "subscriberId";
        static final String SUBSCRIPTION_ID = "subscriptionId";
        static final String LIST_KEY = "listKey";
        static final String SCOPE = "unsubscribeScope";
        static final String CHANNEL = "unsubscribeChannel";
        /** Set by {@code Task_UnsubscribeSubscription}: whether any list became UNSUBSCRIBED now. */
        static final String UNSUBSCRIBED_NOW = "unsubscribedNow";
        /** Set by {@code Task_UnsubscribeSubscription}: the keys of those lists, comma-separated. */
        static final String UNSUBSCRIBED_LIST_KEYS = "unsubscribedListKeys";
        /**
         * Set by {@code Task_UnsubscribeSubscription}: whether anything of the account listens to
         * {@link Message#SUBSCRIPTION_UNSUBSCRIBED} (false when nothing changed).
         */
        static final String AUTOMATION_LISTENING = "automationListening";

        private Var() {
        }

        /** What an instance starts with: the request's ids, its scope and channel, and the list it came through. */
        static Map<String, Object> start(AccountId account, SubscriptionRef subscription, Unsubscribe request) {
            return Map.of(ACCOUNT_ID, account.value().toString(),
                    SUBSCRIBER_ID, subscription.subscriberId().value().toString(),
                    SUBSCRIPTION_ID, subscription.subscriptionId().value().toString(),
                    LIST_KEY, subscription.list().key(),
                    SCOPE, request.scope().name(),
                    CHANNEL, request.channel().name());
        }

        /** What the unsubscribe step found: whether anything changed, which lists, and whether anyone listens. */
        static Map<String, Object> unsubscribed(List<String> listKeys, boolean automationListening) {
            return Map.of(UNSUBSCRIBED_NOW, !listKeys.isEmpty(), UNSUBSCRIBED_LIST_KEYS, String.join(",", listKeys),
                    AUTOMATION_LISTENING, !listKeys.isEmpty() && automationListening);
        }

        static SubscriberId subscriberId(Function<String, Object> variables) {
            return new SubscriberId(Variables.uuid(variables, SUBSCRIBER_ID));
        }

        static UnsubscribeChannel channel(Function<String, Object> variables) {
            return UnsubscribeChannel.valueOf((String) variables.apply(CHANNEL));
        }

        static List<String> unsubscribedListKeys(Function<String, Object> variables) {
            Object keys = variables.apply(UNSUBSCRIBED_LIST_KEYS);
            return keys == null || keys.toString().isEmpty() ? List.of() : Arrays.asList(keys.toString().split(","));
        }

        static UUID requestId(String businessKey) {
            return UUID.fromString(businessKey);
        }
    }
}
