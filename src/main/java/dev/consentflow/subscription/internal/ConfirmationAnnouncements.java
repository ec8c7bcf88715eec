package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.internal.DoubleOptInProcess.Var;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Hands a confirmed subscription to the account's automation flows, in the caller's transaction, when any of them
 * listens (a flow started by {@code subscription.confirmed}, or an instance waiting for it): starts
 * {@code announce-confirmation}, whose async step publishes it, so a failing flow never undoes the caller's work.
 * Most accounts deploy no flow on it: then no instance and no job. A flow deployed afterwards does not hear this
 * confirmation, as it never heard one published before it was deployed.
 */
@Component
class ConfirmationAnnouncements {

    private final ProcessRuntime runtime;

    ConfirmationAnnouncements(ProcessRuntime runtime) {
        this.runtime = runtime;
    }

    /** Answers whether it was handed over (false: nobody listens). */
    boolean announce(AccountId account, SubscriberId subscriber, SubscriptionId subscription, String listKey) {
        if (!runtime.anyListens(DoubleOptInProcess.Message.SUBSCRIPTION_CONFIRMED, account.value().toString())) {
            return false;
        }
        runtime.start(AnnounceConfirmationProcess.ID, UUID.randomUUID().toString(), Map.of(
                Var.ACCOUNT_ID, account.value().toString(),
                Var.SUBSCRIBER_ID, subscriber.value().toString(),
                Var.SUBSCRIPTION_ID, subscription.value().toString(),
                Var.LIST_KEY, listKey));
        return true;
    }
}
