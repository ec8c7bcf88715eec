package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * Staff finding and reading people outside the REST API (the console), with the same rules as
 * {@code GET /api/contacts}: exact addresses only, tombstones included, and every card shown audited as VIEWED by
 * the current caller.
 */
public interface ContactLookup {

    /** The cards of a full address or E.164 number, newest first; anything else finds nothing. */
    List<SubscriberId> find(AccountId account, String email, String mobile);

    /** A person's whole record, opened (audited VIEWED via {@code card}); empty when not of the account. */
    Optional<PersonRecord> read(AccountId account, SubscriberId subscriber);

    /** A card, its subscriptions with their consent evidence, and its behaviour events, oldest first. */
    record PersonRecord(PersonCard card, List<SubscriptionEvidence> subscriptions, List<BehaviourEvent> events) {
    }
}
