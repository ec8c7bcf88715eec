package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ContactErased;
import dev.consentflow.contacts.SubscriptionId;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets this module's rows of a person being erased, in the erasing transaction: their double opt-ins (ids and
 * times, perhaps a sealed click not handed over yet), the resubscription that brought them back, and, through
 * the foreign keys, their confirmation tokens; and the unsubscribe links of their subscriptions. A link of the
 * person then answers like any unknown link. The instances themselves are ended by the erasure.
 */
@Component
class ErasedSignupRows {

    private final DoubleOptInRepository doubleOptIns;
    private final ResubscribeRepository resubscriptions;
    private final UnsubscribeTokenRepository unsubscribeTokens;

    ErasedSignupRows(DoubleOptInRepository doubleOptIns, ResubscribeRepository resubscriptions,
                     UnsubscribeTokenRepository unsubscribeTokens) {
        this.doubleOptIns = doubleOptIns;
        this.resubscriptions = resubscriptions;
        this.unsubscribeTokens = unsubscribeTokens;
    }

    @EventListener
    void forget(ContactErased erased) {
        UUID account = erased.account().value();
        doubleOptIns.deleteOfSubscriber(account, erased.subscriberId().value());
        resubscriptions.deleteOfSubscriber(account, erased.subscriberId().value());
        if (!erased.subscriptions().isEmpty()) {
            unsubscribeTokens.deleteOfSubscriptions(account,
                    erased.subscriptions().stream().map(SubscriptionId::value).toList());
        }
    }
}
