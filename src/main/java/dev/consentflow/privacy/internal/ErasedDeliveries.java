package dev.consentflow.privacy.internal;

import dev.consentflow.contacts.ContactErased;
import dev.consentflow.dispatch.DeliveryHistory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The erasure forgets the person's sent-mail history in the erasing transaction, after the erasure's earlier step
 * suppressed what was still queued (whose SUPPRESSED rows go too).
 */
@Component
class ErasedDeliveries {

    private final DeliveryHistory deliveries;

    ErasedDeliveries(DeliveryHistory deliveries) {
        this.deliveries = deliveries;
    }

    @EventListener
    void forget(ContactErased erased) {
        deliveries.forget(erased.account(), erased.subscriberId().value());
    }
}
