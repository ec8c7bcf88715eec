package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.SubscriptionConfirmedDirectly;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces a subscription confirmed without a double opt-in (an integration's or a marketer's
 * {@code "confirmed": true}) to the account's automation flows, so a welcome series starts for it as for a
 * confirmed double opt-in, when the account has any flow listening. It starts {@code announce-confirmation} in
 * the confirming transaction; the message
 * itself goes out from that instance's async step, so it is never lost and a failing flow never undoes the
 * subscription.
 */
@Component
class DirectConfirmations {

    private final ProcessRuntime runtime;

    DirectConfirmations(ProcessRuntime runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void announce(SubscriptionConfirmedDirectly confirmed) {
        // Most accounts deploy no flow on it: then an instance per subscription would be work for nobody (an
        // integration pushing pre-confirmed subscriptions in bulk ran five times slower with it).
        if (!runtime.anyListens(DoubleOptInProcess.Message.SUBSCRIPTION_CONFIRMED,
                confirmed.account().value().toString())) {
            return;
        }
        runtime.start(AnnounceConfirmationProcess.ID, UUID.randomUUID().toString(), Map.of(
                Var.ACCOUNT_ID, confirmed.account().value().toString(),
                Var.SUBSCRIBER_ID, confirmed.subscriberId().value().toString(),
                Var.SUBSCRIPTION_ID, confirmed.subscription().value().toString(),
                Var.LIST_KEY, confirmed.listKey()));
    }
}
