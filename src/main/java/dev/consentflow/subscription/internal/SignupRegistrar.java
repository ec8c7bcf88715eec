package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome.ALREADY_CONFIRMED;
import static dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome.CONFIRMATION_DUE;
import static dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome.CONFIRMATION_RECENT;
import static dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome.ERASED;
import static dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome.NEW_REQUEST;

import dev.consentflow.contacts.SignupOutcome;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.subscription.SignupReceipt;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import dev.consentflow.contacts.Signup;

/**
 * {@code Task_RegisterSignup}: records the pending subscription with its evidence in contacts and decides what
 * the signup needs. A repeated signup of a waiting address gets its confirmation again only once the throttle
 * window has passed since the last one was requested; the lock on the waiting row makes parallel repeats count
 * once.
 */
@Component
class SignupRegistrar {

    private final SignupInbox inbox;
    private final Subscribers contacts;
    private final DoubleOptInRepository doubleOptIns;
    private final JdbcAggregateTemplate aggregates;
    private final SignupSettings settings;

    SignupRegistrar(SignupInbox inbox, Subscribers contacts, DoubleOptInRepository doubleOptIns,
                    JdbcAggregateTemplate aggregates, SignupSettings settings) {
        this.inbox = inbox;
        this.contacts = contacts;
        this.doubleOptIns = doubleOptIns;
        this.aggregates = aggregates;
        this.settings = settings;
    }

    /**
     * What the process learns: the outcome, and the ids when there is a subscription, or the tombstone for an
     * erased address.
     */
    record Registered(DoubleOptInProcess.SignupOutcome outcome, SubscriberId subscriberId,
                      SubscriptionId subscriptionId, SubscriberId tombstoneId) {

        Registered(DoubleOptInProcess.SignupOutcome outcome, SubscriberId subscriberId, SubscriptionId subscriptionId) {
            this(outcome, subscriberId, subscriptionId, null);
        }

        /**
         * The process variables: the outcome, and the ids when there is a subscription; for an erased address no
         * subscriber or subscription, only the tombstone to hand over to resubscribe.
         */
        Map<String, Object> variables() {
            Map<String, Object> variables = new HashMap<>();
            variables.put(DoubleOptInProcess.Var.SIGNUP_OUTCOME, outcome.name());
            if (subscriptionId != null) {
                variables.put(DoubleOptInProcess.Var.SUBSCRIBER_ID, subscriberId.value().toString());
                variables.put(DoubleOptInProcess.Var.SUBSCRIPTION_ID, subscriptionId.value().toString());
            }
            if (tombstoneId != null) {
                variables.put(DoubleOptInProcess.Var.TOMBSTONE_ID, tombstoneId.value().toString());
            }
            return variables;
        }
    }

    Registered register(UUID requestId, String processInstanceId) {
        ProcessInbox.Letter<Signup, SignupReceipt> letter = inbox.open(requestId);
        SignupOutcome outcome = contacts.registerSignup(letter.account, letter.request);
        Registered registered;
        if (outcome instanceof SignupOutcome.Pending pending) {
            registered = pending(requestId, processInstanceId, letter, pending);
        } else if (outcome instanceof SignupOutcome.AlreadyConfirmed confirmed) {
            registered = new Registered(ALREADY_CONFIRMED, confirmed.subscriberId(), confirmed.subscriptionId());
        } else {
            registered = new Registered(ERASED, null, null, ((SignupOutcome.Erased) outcome).tombstoneId());
        }
        letter.answer(new SignupReceipt(requestId, registered.subscriberId(), registered.outcome() == ALREADY_CONFIRMED));
        return registered;
    }

    private Registered pending(UUID requestId, String processInstanceId,
                               ProcessInbox.Letter<Signup, SignupReceipt> letter,
                               SignupOutcome.Pending pending) {
        Instant now = Instant.now();
        var waiting = pending.newRequest() ? Optional.<DoubleOptIn>empty()
                : doubleOptIns.lockWaiting(pending.subscriptionId().value());
        if (waiting.isEmpty()) {
            // A new request, or a pending subscription nobody waits for (an import, a lost instance): this one does.
            aggregates.insert(DoubleOptIn.waiting(processInstanceId, requestId, letter.account.value(),
                    pending.subscriberId().value(), pending.subscriptionId().value(), letter.request.channel(), now));
            return new Registered(NEW_REQUEST, pending.subscriberId(), pending.subscriptionId());
        }
        if (waiting.get().lastRequestedAt().plus(settings.confirmationThrottle()).isAfter(now)) {
            return new Registered(CONFIRMATION_RECENT, pending.subscriberId(), pending.subscriptionId());
        }
        doubleOptIns.requestedAgain(waiting.get().processInstanceId(), now);
        return new Registered(CONFIRMATION_DUE, pending.subscriberId(), pending.subscriptionId());
    }
}
