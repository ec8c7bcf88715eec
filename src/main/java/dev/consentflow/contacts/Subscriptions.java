package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;

/** Which card and list a subscription belongs to, and its status: how other modules resolve the ids they hold. */
public interface Subscriptions {

    /** The card a subscription belongs to, and its list; empty when the account has no such subscription. */
    Optional<SubscriptionRef> subscription(AccountId account, SubscriptionId subscription);

    /** A person's subscription to a list of the account, by the list's key. */
    Optional<SubscriptionRef> subscription(AccountId account, SubscriberId subscriber, String listKey);
}
