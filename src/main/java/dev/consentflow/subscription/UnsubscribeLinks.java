package dev.consentflow.subscription;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionId;
import java.util.Collection;
import java.util.Map;

/**
 * The one-click unsubscribe link of a subscription, for every list mail (welcome, campaign, automation): callers
 * put it into {@link dev.consentflow.dispatch.OutboundMessage#unsubscribeUrl()} (dispatch writes
 * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} from it) and into the mail's text and HTML body.
 */
public interface UnsubscribeLinks {

    /**
     * {@code {CONSENTFLOW_PUBLIC_URL}/u/{token}}: the same link for every mail of this subscription, made on first
     * use (in the caller's transaction) and valid as long as the subscription exists. The token names person and
     * list without a login; it is random (256 bits) and stored only hashed and sealed.
     */
    String unsubscribeUrl(AccountId account, SubscriptionId subscription);

    /**
     * {@link #unsubscribeUrl} of many subscriptions of the account (a campaign's page) with one look-up, and one
     * insert for those that have no link yet.
     */
    Map<SubscriptionId, String> unsubscribeUrls(AccountId account, Collection<SubscriptionId> subscriptions);
}
