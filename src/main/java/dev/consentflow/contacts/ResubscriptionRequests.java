package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;

/** An erased person asking to come back onto a list (DESIGN.md rule 3); {@link PendingResubscriptions} ends it. */
public interface ResubscriptionRequests {

    /**
     * Records an erased person's request to come back onto a list, under the lock of the address, and answers how
     * the confirmation goes. No card is made: the address and the request's evidence are kept sealed until the
     * person confirms ({@link PendingResubscriptions#confirmResubscription}) or the request expires
     * ({@link PendingResubscriptions#purgeExpiredResubscription}). A pending request for the same tombstone and
     * list is answered, not repeated. A new one is audited on the tombstone as RESUBSCRIBE_REQUESTED; the
     * tombstone itself never changes.
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
}
