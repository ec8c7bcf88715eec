package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;

/**
 * The end of a pending resubscription ({@link ResubscriptionRequests}): the person's confirmation, or its expiry.
 * Scoped by the account; runs in the caller's transaction when there is one.
 */
public interface PendingResubscriptions {

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

    /**
     * The list a pending resubscription asks to come back onto, so its confirmation speaks for that list's brand as
     * a signup's does; empty once the request was confirmed or expired.
     */
    Optional<ListInfo> list(AccountId account, ResubscriptionId resubscription);

    /** {@link PendingSubscriptions#lockPerson} for the address of a pending resubscription. */
    void lockPerson(AccountId account, ResubscriptionId resubscription);
}
