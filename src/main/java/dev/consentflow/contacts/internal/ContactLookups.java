package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactExports;
import dev.consentflow.contacts.ContactLookup;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.InvalidValue;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.PersonCard;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link ContactLookup} on the blind index and the export reader, audited as the API's reads are. */
@Component
class ContactLookups implements ContactLookup {

    private final Cards cards;
    private final ContactRepository contacts;
    private final ContactExports exports;
    private final ContactAudit audit;

    ContactLookups(Cards cards, ContactRepository contacts, ContactExports exports, ContactAudit audit) {
        this.cards = cards;
        this.contacts = contacts;
        this.exports = exports;
        this.audit = audit;
    }

    @Override
    @Transactional
    public List<SubscriberId> find(AccountId account, String email, String mobile) {
        List<Contact> found;
        try {
            found = email != null && !email.isBlank() ? cards.all(account, EmailAddress.parse(email.strip()), null)
                    : mobile != null && !mobile.isBlank() ? cards.all(account, null, MobileNumber.parse(mobile.strip()))
                    : List.of();
        } catch (InvalidValue notAnAddress) {
            return List.of();
        }
        found.forEach(contact -> audit.viewed(contact, "search"));
        return found.stream().map(c -> new SubscriberId(c.id())).toList();
    }

    @Override
    @Transactional
    public Optional<PersonRecord> read(AccountId account, SubscriberId subscriber) {
        Optional<Contact> contact = contacts.findByIdAndAccountId(subscriber.value(), account.value());
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        audit.viewed(contact.get(), "card");
        PersonCard[] card = new PersonCard[1];
        List<SubscriptionEvidence> subscriptions = new ArrayList<>();
        List<BehaviourEvent> events = new ArrayList<>();
        exports.readPerson(account, subscriber, new ContactExports.PersonReader() {
            @Override
            public void card(PersonCard read) {
                card[0] = read;
            }

            @Override
            public void subscription(SubscriptionEvidence read) {
                subscriptions.add(read);
            }

            @Override
            public void event(BehaviourEvent read) {
                events.add(read);
            }
        });
        return Optional.ofNullable(card[0]).map(c -> new PersonRecord(c, subscriptions, events));
    }
}
