package dev.consentflow.subscription;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Resubscription;

/**
 * The Resubscribe action on an erased card outside the REST API (the console), as
 * {@code POST /api/contacts/{id}/resubscribe} does it: the given full address must be the tombstone's, and the
 * person gets a confirmation; only their click makes a new card.
 */
public interface Resubscriptions {

    /**
     * Starts {@code resubscribe} for the request; answers how the confirmation goes ({@code EMAIL} or {@code SMS}).
     *
     * @throws dev.consentflow.web.InvalidInputException a missing or malformed address, an unknown list
     * @throws dev.consentflow.web.NotFoundException     no such card in the account
     * @throws dev.consentflow.contacts.ContactNotErased     the card is not erased, or the address is not its own
     */
    String resubscribe(AccountId account, Resubscription request);
}
