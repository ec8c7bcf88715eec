package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactManagement;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ResubscribeOutcome;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a request's purpose means in contacts, in one place: the pending subscription of a signup, or the pending
 * resubscription of an erased person (whose address contacts keeps sealed). The rest of the mechanism treats
 * both alike.
 */
@Component
class ConfirmationSubjects {

    private final ContactManagement contacts;

    ConfirmationSubjects(ContactManagement contacts) {
        this.contacts = contacts;
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
            case SIGNUP -> contacts.subscription(request.account(), new SubscriptionId(request.subscriptionId()))
                    .map(ContactManagement.SubscriptionRef::list);
            case RESUBSCRIPTION -> contacts.findList(request.account(), request.listKey());
        };
    }

    /** The address's lock, taken before the request's row: the order a signup of the address takes them in. */
    void lockPerson(ConfirmationRequest request) {
        switch (request.purpose()) {
            case SIGNUP -> contacts.lockPerson(request.account(), new SubscriptionId(request.subscriptionId()));
            case RESUBSCRIPTION -> contacts.lockPerson(request.account(),
                    new ResubscriptionId(request.resubscriptionId()));
        }
    }

    /** Storage limitation: contacts drops what waited for the confirmation (audited there as PENDING_PURGED). */
    void purge(ConfirmationRequest request) {
        switch (request.purpose()) {
            case SIGNUP -> contacts.purgeExpired(request.account(), new SubscriptionId(request.subscriptionId()));
            case RESUBSCRIPTION -> contacts.purgeExpiredResubscription(request.account(),
                    new ResubscriptionId(request.resubscriptionId()));
        }
    }

    /** Hands the click's evidence to contacts, which records the confirmation (and audits it) once. */
    Confirmed confirm(ConfirmationRequest request, ConsentEvidence click) {
        return switch (request.purpose()) {
            case SIGNUP -> new Confirmed(contacts.confirm(request.account(),
                    new SubscriptionId(request.subscriptionId()), click) == ConfirmOutcome.CONFIRMED,
                    new SubscriberId(request.subscriberId()), new SubscriptionId(request.subscriptionId()));
            case RESUBSCRIPTION -> {
                ResubscribeOutcome outcome = contacts.confirmResubscription(request.account(),
                        new ResubscriptionId(request.resubscriptionId()), click);
                yield new Confirmed(outcome.outcome() == ConfirmOutcome.CONFIRMED, outcome.subscriberId(),
                        outcome.subscriptionId());
            }
        };
    }
}
