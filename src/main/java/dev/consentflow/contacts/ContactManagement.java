package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contacts module's API for the processes and other modules. Every method is scoped by the account and
 * runs in the caller's transaction when there is one. Each consent fact it records is also appended to the
 * audit log, in the same transaction.
 */
public interface ContactManagement {

    /** A list of the account by its key. */
    Optional<ListInfo> findList(AccountId account, String listKey);

    /**
     * Records a signup: finds the person's card by the blind index of the address (or mobile) or creates one,
     * and creates a PENDING subscription on the list with the evidence (audited SUBSCRIBED). An existing
     * pending or confirmed subscription is reported, not duplicated; an erased address writes nothing.
     */
    SignupOutcome registerSignup(AccountId account, Signup signup);

    /**
     * Subscribes with consent the integration already holds (API {@code "confirmed": true}): CONFIRMED at once,
     * with the evidence as both request and confirmation (audited SUBSCRIBED and CONFIRMED).
     *
     * @throws ContactAlreadyErased when the address is erased
     */
    SubscriptionId subscribeConfirmed(AccountId account, Signup signup);

    /** Confirms a pending subscription once, with the click's evidence (audited CONFIRMED once). */
    ConfirmOutcome confirm(AccountId account, SubscriptionId subscription, ConsentEvidence confirmation);

    /**
     * An unconfirmed signup expired: removes the pending subscription, and the card with its personal data when
     * nothing else holds it (storage limitation). Audited as PENDING_PURGED without personal data.
     */
    void purgeExpired(AccountId account, SubscriptionId subscription);

    /**
     * Takes, until the transaction ends, the lock a signup of this subscription's address takes first. A caller
     * that also locks rows of its own which a signup locks (the double opt-in's waiting row) calls this before
     * them, so both take the locks in one order and never deadlock.
     */
    void lockPerson(AccountId account, SubscriptionId subscription);

    /**
     * Records an erased person's request to come back onto a list (DESIGN.md rule 3), under the lock of the
     * address, and answers how the confirmation goes. No card is made: the address and the request's evidence are
     * kept sealed until the person confirms ({@link #confirmResubscription}) or the request expires
     * ({@link #purgeExpiredResubscription}). A pending request for the same tombstone and list is answered, not
     * repeated. A new one is audited on the tombstone as RESUBSCRIBE_REQUESTED; the tombstone itself never changes.
     *
     * @throws dev.consentflow.web.InvalidInputException a missing or malformed address, an unknown list, a
     *                                                   missing mobile number when the confirmation goes by SMS
     * @throws dev.consentflow.web.NotFoundException     no such card in the account
     * @throws ContactNotErased                         the card is not erased
     * @throws AddressNotTheTombstones                  the address is not the tombstone's
     * @throws NewerCardExists                          the address has a newer card
     * @throws AddressTaken                             the mobile number is another live card's
     */
    PendingResubscription requestResubscription(AccountId account, Resubscription request);

    /**
     * The person confirmed: a new card with a new id, source RESUBSCRIBED, the average MailRating, the address and
     * nothing else, CONFIRMED on the list with the request's and the click's evidence. Audited RESUBSCRIBED on the
     * tombstone and on the new card (linked by id), then SUBSCRIBED and CONFIRMED on the new card. The pending
     * data is deleted. Idempotent: a second call finds nothing pending.
     */
    ResubscribeOutcome confirmResubscription(AccountId account, ResubscriptionId resubscription,
                                             ConsentEvidence confirmation);

    /** An unconfirmed resubscription expired: its pending data is deleted, audited PENDING_PURGED on the tombstone. */
    void purgeExpiredResubscription(AccountId account, ResubscriptionId resubscription);

    /** {@link #lockPerson(AccountId, SubscriptionId)} for the address of a pending resubscription. */
    void lockPerson(AccountId account, ResubscriptionId resubscription);

    /**
     * The permission of a card of the account ({@link Permission#DELETED} once erased), or empty when the account
     * has no such card.
     */
    Optional<Permission> permission(AccountId account, SubscriberId subscriber);

    /**
     * Erases a person, leaving the tombstone of DESIGN.md rule 2, in the caller's transaction. Takes the person's
     * address locks (the ones a signup takes), publishes {@link ContactErased} so other modules forget their rows
     * of the person, then deletes the custom fields, the mobile number and its index, the address ciphertext, the
     * behaviour events and the card's data key (crypto-shredding: anything still sealed under it, in this
     * database or an old backup, cannot be opened any more). The tombstone keeps the email blind index (the
     * mobile index only when there is no email), {@code erasedAt}, and per subscription its list, status,
     * {@code subscribedAt}, {@code subscribeIp}, {@code confirmedAt} and {@code confirmIp}; a PENDING or CONFIRMED
     * subscription becomes UNSUBSCRIBED, so the person is on no list any more. The caller audits the erasure.
     *
     * @return true when the card became a tombstone now; false when the account has no such card or it was
     *         erased before (nothing changes)
     */
    boolean erase(AccountId account, SubscriberId subscriber);

    /**
     * Removes the tombstones erased before the given time, with their subscriptions (retention: after it the
     * account no longer has to prove the consent, and the address is no longer blocked). Each removal is audited
     * as TOMBSTONE_PURGED. Answers how many were removed; removes at most a batch per call.
     */
    int removeTombstones(Instant erasedBefore);

    /** The card a subscription belongs to, and its list. */
    Optional<SubscriptionRef> subscription(AccountId account, SubscriptionId subscription);

    /** A person's subscription to a list of the account, by the list's key. */
    Optional<SubscriptionRef> subscription(AccountId account, SubscriberId subscriber, String listKey);

    /**
     * The person's subscriptions to the lists of this subscription's brand, in any state, this one first and the
     * others by list key: what an unsubscribe page offers. Empty when the subscription is unknown in the account
     * or its person was erased (their links are refused like unknown ones).
     */
    List<SubscriptionRef> brandSubscriptions(AccountId account, SubscriptionId subscription);

    /**
     * Unsubscribes: the subscription, or every subscription of the person to a list of its brand, that is
     * CONFIRMED or PENDING becomes UNSUBSCRIBED, each audited once as UNSUBSCRIBED with the request's evidence
     * (when, IP, channel, scope; no personal data besides the IP). Other lists and brands, bounced subscriptions
     * and the card's data stay as they are: unsubscribing never erases. Repeating it changes and records nothing.
     * The process step of {@code unsubscribe}, which the subscription module runs for the links, the API and
     * complaints, and which also stops the automation.
     *
     * @return what changed, or empty when the subscription is unknown in the account
     */
    Optional<Unsubscribed> unsubscribe(AccountId account, Unsubscribe request);

    /**
     * One page of the CONFIRMED email subscriptions of a list, by ascending id after {@code after} (null for the
     * first page): how a campaign freezes its audience in bounded memory, page by page.
     */
    List<SubscriptionId> confirmedSubscriptions(AccountId account, ListInfo list, SubscriptionId after, int limit);

    /**
     * The recipients among these subscriptions that are still CONFIRMED and whose card is not erased, with the
     * address and fields decrypted for rendering a mail; the others are left out. Callers pass one page at a time.
     */
    List<ListRecipient> confirmedRecipients(AccountId account, Collection<SubscriptionId> subscriptions);

    /**
     * The subscriptions of a list that were unsubscribed at or after {@code since}, by people who are not erased
     * (an erasure is not an unsubscribe): how a campaign counts the recipients it lost.
     */
    List<SubscriptionId> unsubscribedSince(AccountId account, ListInfo list, Instant since);

    /**
     * What putting a known person onto a list takes (a marketer's list add, an automation's "add to list"), in the
     * caller's transaction; writes nothing. The signup it may answer names the card's own address (email when the
     * card has one, else its mobile number for SMS) and carries the given evidence; the caller starts a double
     * opt-in with it, or confirms it with {@link #subscribeConfirmed} when it holds the person's consent.
     *
     * @param evidence when and from where the request came; with {@code confirmed} the consent itself
     * @param confirmed whether the caller holds the consent (then a PENDING subscription is still to confirm)
     * @throws dev.consentflow.web.NotFoundException the account has no such card or no such list
     */
    ListJoin joinList(AccountId account, SubscriberId subscriber, String listKey, ConsentEvidence evidence,
                      boolean confirmed);

    /**
     * Sets custom fields of a live card for an automation flow (a null or empty value removes one), checked as
     * {@link CustomFields} says, sealed under the card's key; a change is recorded as an UPDATE event and audited
     * UPDATED by {@code system:automation}, as a PATCH of the card is by its key. Answers false, changing nothing,
     * when the card was erased.
     *
     * @throws dev.consentflow.web.NotFoundException     the account has no such card
     * @throws dev.consentflow.web.InvalidInputException a field name or value breaks the rules
     */
    boolean updateFields(AccountId account, SubscriberId subscriber, Map<String, String> fields);

    /** A subscription's owner and list, by ids. */
    record SubscriptionRef(SubscriberId subscriberId, SubscriptionId subscriptionId, ListInfo list,
                           SubscriptionStatus status) {
    }
}
