package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;

/** Erasing a person down to the tombstone of DESIGN.md rule 2, and removing tombstones whose retention ended. */
public interface Erasures {

    /**
     * Erases a person, leaving the tombstone of DESIGN.md rule 2, in the caller's transaction. Takes the person's
     * address locks (the ones a signup takes), publishes {@link ContactErased} so other modules forget their rows
     * of the person, then deletes the custom fields, the address ciphertexts, the behaviour events and the card's
     * data key (crypto-shredding: anything still sealed under it, in this database or an old backup, cannot be
     * opened any more). The tombstone keeps the blind index of each address (email and mobile number, so each
     * stays blocked), {@code erasedAt}, and per subscription its list, status,
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
}
