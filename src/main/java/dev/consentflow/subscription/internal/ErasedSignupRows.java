package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ContactErased;
import dev.consentflow.contacts.SubscriptionId;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets this module's rows of a person being erased, in the erasing transaction: their confirmation requests
 * (ids and times, perhaps a sealed click not handed over yet: their double opt-ins, and the resubscription that
 * brought them back) with, through the foreign key, their links; and the unsubscribe links of their
 * subscriptions. A link of the person then answers like any unknown link. The instances themselves are ended by
 * the erasure.
 */
@Component
class ErasedSignupRows {

    private final ConfirmationRequestRepository confirmations;
    private final UnsubscribeTokenRepository unsubscribeTokens;

    ErasedSignupRows(ConfirmationRequestRepository confirmations, UnsubscribeTokenRepository unsubscribeTokens) {
        this.confirmations = confirmations;
        this.unsubscribeTokens = unsubscribeTokens;
    }

    @EventListener
    void forget(ContactErased erased) {
        UUID account = erased.account().value();
        confirmations.deleteOfSubscriber(account, erased.subscriberId().value());
        if (!erased.subscriptions().isEmpty()) {
            unsubscribeTokens.deleteOfSubscriptions(account,
                    erased.subscriptions().stream().map(SubscriptionId::value).toList());
        }
    }
}
