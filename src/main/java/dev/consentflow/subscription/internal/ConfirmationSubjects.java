package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.PendingResubscriptions;
import dev.consentflow.contacts.PendingSubscriptions;
import dev.consentflow.contacts.ResubscribeOutcome;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Subscriptions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a request's purpose means in contacts, in one place: the pending subscription of a signup, or the pending
 * resubscription of an erased person (whose address contacts keeps sealed). The rest of the mechanism treats
 * both alike.
 */
@Component
class ConfirmationSubjects {

    private final Subscriptions subscriptions;
    private final MailingLists lists;
    private final PendingSubscriptions signups;
    private final PendingResubscriptions resubscriptions;

    ConfirmationSubjects(Subscriptions subscriptions, MailingLists lists, PendingSubscriptions signups,
                         PendingResubscriptions resubscriptions) {
        this.subscriptions = subscriptions;
        this.lists = lists;
        this.signups = signups;
        this.resubscriptions = resubscriptions;
    }

    /**
     * What the confirmation made: whether it was confirmed now, and the card it was confirmed on. A signup's card
     * is known already; a resubscription's is the new one (none when nothing was pending any more).
     */
    record Confirmed(boolean now, SubscriberId subscriberId, SubscriptionId subscriptionId) {
    }

    /** The list the request is about; empty once its subscription (or list) is gone. */
    Optional<ListInfo> list(ConfirmationRequest request) {
        return switch (request.purpose()) {
            case SIGNUP -> subscriptions.subscription(request.account(), new SubscriptionId(request.subscriptionId()))
                    .map(SubscriptionRef::list);
            case RESUBSCRIPTION -> lists.findList(request.account(), request.listKey());
        };
    }

    /**
     * The list of a request a click is about to confirm: for a signup its subscription's row is locked now and
     * kept for the confirmation in this transaction (which would lock and read it next), read once.
     */
    Optional<ListInfo> lockForConfirmation(ConfirmationRequest request) {
        return switch (request.purpose()) {
            case SIGNUP -> signups.lockForConfirmation(request.account(), new SubscriptionId(request.subscriptionId()))
                    .map(SubscriptionRef::list);
            case RESUBSCRIPTION -> list(request);
        };
    }

    /** The address's lock, taken before the request's row: the order a signup of the address takes them in. */
    void lockPerson(ConfirmationRequest request) {
        switch (request.purpose()) {
            case SIGNUP -> signups.lockPerson(request.account(), new SubscriptionId(request.subscriptionId()));
            case RESUBSCRIPTION -> resubscriptions.lockPerson(request.account(),
                    new ResubscriptionId(request.resubscriptionId()));
        }
    }

    /** Storage limitation: contacts drops what waited for the confirmation (audited there as PENDING_PURGED). */
    void purge(ConfirmationRequest request) {
        switch (request.purpose()) {
            case SIGNUP -> signups.purgeExpired(request.account(), new SubscriptionId(request.subscriptionId()));
            case RESUBSCRIPTION -> resubscriptions.purgeExpiredResubscription(request.account(),
                    new ResubscriptionId(request.resubscriptionId()));
        }
    }

    /** Hands the click's evidence to contacts, which records the confirmation (and audits it) once. */
    Confirmed confirm(ConfirmationRequest request, ConsentEvidence click) {
        return switch (request.purpose()) {
            case SIGNUP -> new Confirmed(signups.confirm(request.account(),
                    new SubscriptionId(request.subscriptionId()), click) == ConfirmOutcome.CONFIRMED,
                    new SubscriberId(request.subscriberId()), new SubscriptionId(request.subscriptionId()));
            case RESUBSCRIPTION -> {
                ResubscribeOutcome outcome = resubscriptions.confirmResubscription(request.account(),
                        new ResubscriptionId(request.resubscriptionId()), click);
                yield new Confirmed(outcome.outcome() == ConfirmOutcome.CONFIRMED, outcome.subscriberId(),
                        outcome.subscriptionId());
            }
        };
    }
}
