package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;

/**
 * How a person becomes a subscriber of a list: a signup checked against the account's lists and the field rules,
 * registered as a pending subscription for a double opt-in, or confirmed at once with consent the caller holds.
 * Every method is scoped by the account and runs in the caller's transaction when there is one; each consent fact
 * is audited in the same transaction.
 */
public interface Subscribers {

    /**
     * The signup with its address and mobile number normalised, checked as {@code POST /api/subscriptions}
     * checks it, with its list as read for the check: a caller that goes on to register or confirm the signup
     * hands it on ({@link #registerSignup(AccountId, Signup, ListInfo)},
     * {@link #subscribeConfirmed(AccountId, Signup, ListInfo)}), so the list is read once. Writes nothing.
     *
     * @throws dev.consentflow.web.InvalidInputException every rule the signup breaks, at once
     */
    Checked check(AccountId account, Signup signup);

    /** A checked signup and its list (of the account) as the check read it. */
    record Checked(Signup signup, ListInfo list) {
    }

    /**
     * Records a signup: finds the person's card by the blind index of the address (or mobile) or creates one,
     * and creates a PENDING subscription on the list with the evidence (audited SUBSCRIBED). An existing
     * pending or confirmed subscription is reported, not duplicated; an erased address writes nothing.
     */
    SignupOutcome registerSignup(AccountId account, Signup signup);

    /**
     * {@link #registerSignup(AccountId, Signup)} with the signup's list as the caller read it for this request
     * ({@link MailingLists#findList} of this account, never null): it is not read again. When it is not the
     * signup's list, the list is read as always.
     */
    SignupOutcome registerSignup(AccountId account, Signup signup, ListInfo listAsRead);

    /**
     * Subscribes with consent the integration already holds (API {@code "confirmed": true}): CONFIRMED at once,
     * with the evidence as both request and confirmation (audited SUBSCRIBED and CONFIRMED). Answers the card,
     * the list and the subscription.
     *
     * @throws ContactAlreadyErased when the address is erased
     */
    SubscriptionRef subscribeConfirmed(AccountId account, Signup signup);

    /**
     * {@link #subscribeConfirmed(AccountId, Signup)} with the signup's list as the caller read it for this request
     * ({@link #check}, never null): it is not read again. When it is not the signup's list, the list is read as
     * always.
     */
    SubscriptionRef subscribeConfirmed(AccountId account, Signup signup, ListInfo listAsRead);
}
