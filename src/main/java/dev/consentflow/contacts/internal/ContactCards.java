package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.CardView;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.Contacts;
import dev.consentflow.contacts.CustomFields;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.InvalidValue;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cards as staff read and change them through the API. Every card shown is audited as VIEWED, by whom; an
 * operator's answer is masked before it leaves this class.
 */
@Component
class ContactCards implements Contacts {

    private final ContactRepository contacts;
    private final CardViews views;
    private final CardEditor editor;
    private final Cards cards;
    private final ContactAudit audit;

    ContactCards(ContactRepository contacts, CardViews views, CardEditor editor, Cards cards, ContactAudit audit) {
        this.contacts = contacts;
        this.views = views;
        this.editor = editor;
        this.cards = cards;
        this.audit = audit;
    }

    /** A card by id: of the caller's account, or of any account for a platform operator. */
    @Transactional
    CardView read(Caller caller, UUID id) {
        Contact contact = find(caller, id);
        audit.viewed(contact, "card");
        return shown(caller, views.of(contact));
    }

    /**
     * Every card of an exact address (tombstones included), the newest first. Something that is not a whole
     * address (a part of one, a typo) is no address: it finds nothing.
     */
    @Transactional
    List<CardView> search(Caller caller, AccountId account, String email, String mobile) {
        List<Contact> found;
        try {
            found = email != null ? cards.all(account, EmailAddress.parse(email), null)
                    : cards.all(account, null, MobileNumber.parse(mobile));
        } catch (InvalidValue notAnAddress) {
            return List.of();
        }
        return found.stream().map(contact -> {
            audit.viewed(contact, "search");
            return shown(caller, views.of(contact));
        }).toList();
    }

    /** Changes a live card of the caller's account; answers it as changed. */
    @Transactional
    CardView change(Caller caller, UUID id, CardChange change) {
        Contact contact = contacts.findLockedByIdAndAccountId(id, caller.requireAccount().value())
                .orElseThrow(() -> new NotFoundException("Contact"));
        if (contact.isErased()) {
            throw new ContactAlreadyErased("An erased contact cannot be changed");
        }
        return views.of(editor.change(cards.open(contact), change));
    }

    /**
     * Sets fields of a live card of the account (an automation's "update a field", audited as
     * {@value ContactAudit#AUTOMATION}); answers false, changing nothing, for a tombstone.
     */
    @Override
    @Transactional
    public boolean updateFields(AccountId account, SubscriberId subscriber, Map<String, String> fields) {
        Contact contact = contacts.findLockedByIdAndAccountId(subscriber.value(), account.value())
                .orElseThrow(() -> new NotFoundException("Contact"));
        if (contact.isErased()) {
            return false;
        }
        editor.change(cards.open(contact),
                new CardChange(CustomFields.check("fields", fields), false, null, null, ContactAudit.AUTOMATION));
        return true;
    }

    /** The card as it is now, for the answer to a change the caller made (not a staff view of its own). */
    @Override
    @Transactional(readOnly = true)
    public CardView card(Caller caller, SubscriberId subscriber) {
        return shown(caller, views.of(find(caller, subscriber.value())));
    }

    /** That the card exists for this caller (foreign ids are unknown ids); answers whether it is a tombstone. */
    @Transactional(readOnly = true)
    boolean requireVisible(Caller caller, UUID id) {
        return find(caller, id).isErased();
    }

    private Contact find(Caller caller, UUID id) {
        return (caller.isOperator() ? contacts.findById(id)
                : contacts.findByIdAndAccountId(id, caller.requireAccount().value()))
                .orElseThrow(() -> new NotFoundException("Contact"));
    }

    private static CardView shown(Caller caller, CardView card) {
        return caller.isOperator() ? card.masked() : card;
    }
}
