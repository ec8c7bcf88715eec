package dev.consentflow.campaigns.internal;

import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.engine.Variables;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The contract of the marketers' automation tasks (the element templates in
 * {@code processes/element-templates/}): the process variables every automation flow holds, the input
 * parameters each template sets, the variable it answers and the BPMN error it may throw. Flows started by the
 * message {@code subscription.confirmed} hold {@code accountId}, {@code subscriberId}, {@code subscriptionId} and
 * {@code listKey} (ids only).
 */
final class AutomationTasks {

    private AutomationTasks() {
    }

    /** The flow's own variables, set by the message that started it. */
    static final class Var {
        static final String ACCOUNT_ID = "accountId";
        static final String SUBSCRIBER_ID = "subscriberId";
        /** The list the flow runs for: whose unsubscribe stops it, whose subscription a mail is sent under. */
        static final String LIST_KEY = "listKey";
        /** Set by "Branch on engagement": whether the person opened or clicked a mail within the window. */
        static final String ENGAGED = "engaged";
        /** Set by "Send a template": whether the mail was enqueued (false: not CONFIRMED on the list any more). */
        static final String MAIL_SENT = "mailSent";

        private Var() {
        }

        static SubscriberId subscriberId(Function<String, Object> variables) {
            return new SubscriberId(Variables.uuid(variables, SUBSCRIBER_ID));
        }

        static String listKey(Function<String, Object> variables) {
            return Variables.text(variables, LIST_KEY);
        }
    }

    /** The input parameters the element templates set on their task: marketer-authored, never personal data. */
    static final class Input {
        /** "Send a template": the key of the account's template. */
        static final String TEMPLATE_KEY = "templateKey";
        /** "Add to a list": the key of the list to add the person to. */
        static final String TARGET_LIST_KEY = "targetListKey";
        /** "Update a field": the custom field's name and the value to set (empty removes it). */
        static final String FIELD_NAME = "fieldName";
        static final String FIELD_VALUE = "fieldValue";
        /** "Branch on engagement": how far back opens and clicks count, an ISO-8601 duration. */
        static final String ENGAGEMENT_WINDOW = "engagementWindow";
        /** "Wait": how long, an ISO-8601 duration; the timer's duration is {@code ${waitFor}}. */
        static final String WAIT_FOR = "waitFor";

        private Input() {
        }

        static String text(Function<String, Object> variables, String name) {
            return Variables.text(variables, name);
        }

        static Duration duration(Function<String, Object> variables, String name) {
            String value = Variables.text(variables, name);
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("input " + name + " is not an ISO-8601 duration: " + value, e);
            }
        }
    }

    /** The BPMN error codes a flow can catch with an error boundary event. */
    static final class Error {
        /** The person was erased: nothing may be added to or changed on the tombstone. */
        static final String CONTACT_ERASED = "CONTACT_ERASED";

        private Error() {
        }
    }
}
