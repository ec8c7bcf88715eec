package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ContactErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets this module's rows of a person being erased, in the erasing transaction: their double opt-ins (ids and
 * times, perhaps a sealed click not handed over yet) and, through the foreign key, their confirmation tokens. A
 * link of the person then answers like any unknown link. The instances themselves are ended by the erasure.
 */
@Component
class ErasedSignupRows {

    private final DoubleOptInRepository doubleOptIns;

    ErasedSignupRows(DoubleOptInRepository doubleOptIns) {
        this.doubleOptIns = doubleOptIns;
    }

    @EventListener
    void forget(ContactErased erased) {
        doubleOptIns.deleteOfSubscriber(erased.account().value(), erased.subscriberId().value());
    }
}
