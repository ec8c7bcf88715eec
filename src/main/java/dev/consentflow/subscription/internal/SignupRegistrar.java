package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome.ALREADY_CONFIRMED;
import static dev.consentflow.subscription.internal.DoubleOptInProcess.SignupOutcome.ERASED;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SignupOutcome;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.SignupReceipt;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterSignup}: records the pending subscription with its evidence in contacts and decides what
 * the signup needs. A pending subscription's request waits for its confirmation ({@link ConfirmationRequests},
 * which also decides whether a repeated signup gets its confirmation again).
 */
@Component
class SignupRegistrar {

    private final SignupInbox inbox;
    private final Subscribers contacts;
    private final ConfirmationRequests requests;

    SignupRegistrar(SignupInbox inbox, Subscribers contacts, ConfirmationRequests requests) {
        this.inbox = inbox;
        this.contacts = contacts;
        this.requests = requests;
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
            // Transient: only the gateway right after this step reads it, in the same transaction (no variable row).
            variables.put(DoubleOptInProcess.Var.SIGNUP_OUTCOME, Variables.transientText(outcome.name()));
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
        // The form's list travels with its request on this node; a request taken up elsewhere reads it again.
        ListInfo listAsRead = inbox.takeListAsRead(requestId);
        SignupOutcome outcome = listAsRead != null
                ? contacts.registerSignup(letter.account, letter.request, listAsRead)
                : contacts.registerSignup(letter.account, letter.request);
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
        ConfirmationRequest candidate = ConfirmationRequest.signup(processInstanceId, requestId,
                letter.account.value(), pending.subscriberId().value(), pending.subscriptionId().value(),
                letter.request.channel(), Instant.now());
        ConfirmationRequests.Registration registration;
        if (pending.list() != null) {
            // A new request is written with the first confirmation's link (and its mail's wording read) at once.
            ConfirmationRequests.Registered registered = requests.registerWithFirstLink(candidate,
                    pending.newRequest(), pending.list().id());
            registration = registered.registration();
            if (registration == ConfirmationRequests.Registration.NEW_REQUEST) {
                inbox.firstConfirmation(requestId, new SignupInbox.FirstConfirmation(candidate, pending.list(),
                        registered.firstLink()));
            }
        } else {
            registration = requests.register(candidate, pending.newRequest());
        }
        return new Registered(DoubleOptInProcess.SignupOutcome.valueOf(registration.name()), pending.subscriberId(),
                pending.subscriptionId());
    }
}
