package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import java.util.Map;

/** A person's card as other modules change and show it: its custom fields set by a flow, the card as it is now. */
public interface Contacts {

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

    /**
     * The card as it is now, for the answer to a change the caller made (masked for a platform operator).
     *
     * @throws dev.consentflow.web.NotFoundException a card the caller may not see
     */
    CardView card(Caller caller, SubscriberId subscriber);
}
