package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;

/** Putting a known person onto another list (a marketer's list add, an automation's "add to list"). */
public interface ListJoins {

    /**
     * What putting a known person onto a list takes, in the caller's transaction; writes nothing. The signup it
     * may answer names the card's own address (email when the card has one, else its mobile number for SMS) and
     * carries the given evidence; the caller starts a double opt-in with it, or confirms it with
     * {@link Subscribers#subscribeConfirmed} when it holds the person's consent.
     *
     * @param evidence when and from where the request came; with {@code confirmed} the consent itself
     * @param confirmed whether the caller holds the consent (then a PENDING subscription is still to confirm)
     * @throws dev.consentflow.web.NotFoundException the account has no such card or no such list
     */
    ListJoin joinList(AccountId account, SubscriberId subscriber, String listKey, ConsentEvidence evidence,
                      boolean confirmed);
}
