package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ContactManagement.SubscriptionRef;

/**
 * What the API's subscribe and unsubscribe endpoints (in the subscription module, which runs the processes) need
 * of contacts: a signup checked against the account's lists and the field rules, a subscription confirmed at once,
 * the subscription a card has to a list, and the card to answer with. Every method is scoped by the account.
 */
public interface Subscribers {

    /**
     * The signup with its address and mobile number normalised, checked as {@code POST /api/subscriptions}
     * checks it; writes nothing.
     *
     * @throws dev.consentflow.web.InvalidInputException every rule the signup breaks, at once
     */
    Signup check(AccountId account, Signup signup);

    /**
     * {@link ContactManagement#subscribeConfirmed}, answering the card and the list too.
     *
     * @throws ContactAlreadyErased when the address is erased
     */
    SubscriptionRef subscribeConfirmed(AccountId account, Signup signup);

    /**
     * The subscription an API unsubscribe names by card and list key.
     *
     * @throws dev.consentflow.web.NotFoundException     a card not in the account, or no subscription to that list
     * @throws dev.consentflow.web.InvalidInputException an unknown list
     * @throws ContactAlreadyErased                     an erased card
     */
    SubscriptionId subscriptionOf(AccountId account, SubscriberId subscriber, String listKey);

    /**
     * The card as it is now, for the answer to a change the caller made (masked for a platform operator).
     *
     * @throws dev.consentflow.web.NotFoundException a card the caller may not see
     */
    CardView card(Caller caller, SubscriberId subscriber);
}
