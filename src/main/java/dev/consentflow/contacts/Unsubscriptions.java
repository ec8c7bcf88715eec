package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * Unsubscribing (DESIGN.md rule 1), as the subscription module's {@code unsubscribe} process, its pages and the
 * API do it: one list or every list of a brand. Unsubscribing never erases. Scoped by the account.
 */
public interface Unsubscriptions {

    /**
     * Unsubscribes: the subscription, or every subscription of the person to a list of its brand, that is
     * CONFIRMED or PENDING becomes UNSUBSCRIBED, each audited once as UNSUBSCRIBED with the request's evidence
     * (when, IP, channel, scope; no personal data besides the IP). Other lists and brands, bounced subscriptions
     * and the card's data stay as they are. Repeating it changes and records nothing. The process step of
     * {@code unsubscribe}, which the subscription module runs for the links, the API and complaints, and which
     * also stops the automation.
     *
     * @return what changed, or empty when the subscription is unknown in the account
     */
    Optional<Unsubscribed> unsubscribe(AccountId account, Unsubscribe request);

    /**
     * The person's subscriptions to the lists of this subscription's brand, in any state, this one first and the
     * others by list key: what an unsubscribe page offers. Empty when the subscription is unknown in the account
     * or its person was erased (their links are refused like unknown ones).
     */
    List<SubscriptionRef> brandSubscriptions(AccountId account, SubscriptionId subscription);

    /**
     * The subscription an API unsubscribe names by card and list key.
     *
     * @throws dev.consentflow.web.NotFoundException     a card not in the account, or no subscription to that list
     * @throws dev.consentflow.web.InvalidInputException an unknown list
     * @throws ContactAlreadyErased                     an erased card
     */
    SubscriptionId subscriptionOf(AccountId account, SubscriberId subscriber, String listKey);
}
