package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.AddressTaken;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.CustomFields;
import dev.consentflow.contacts.EventType;
import dev.consentflow.web.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Changes a live card's fields and addresses. A change that changes something is recorded twice: as an UPDATE
 * event on the card (which fields, never their values) and as an UPDATED entry in the audit log.
 */
@Component
class CardEditor {

    private final Cards cards;
    private final CardEvents events;
    private final ContactAudit audit;

    CardEditor(Cards cards, CardEvents events, ContactAudit audit) {
        this.cards = cards;
        this.events = events;
        this.audit = audit;
    }

    /** Applies the change in the caller's transaction; answers the card as saved. */
    Contact change(UnlockedCard card, CardChange change) {
        Contact contact = card.contact();
        AccountId account = new AccountId(contact.accountId());
        Map<String, String> current = card.fields();
        Map<String, String> fieldChanges = new LinkedHashMap<>();
        change.fields().forEach((name, value) -> {
            String wanted = value == null || value.isEmpty() ? null : value;
            if (!Objects.equals(current.get(name), wanted)) {
                fieldChanges.put(name, wanted);
            }
        });
        checkFieldCount(current, fieldChanges);
        String currentMobile = card.mobile();
        boolean mobileChanged = change.mobileGiven()
                && !Objects.equals(currentMobile, change.mobile() == null ? null : change.mobile().value());
        if (mobileChanged) {
            checkMobile(card, change, account);
        }
        boolean emailAdded = change.email() != null && emailAdded(card, change, account);
        if (fieldChanges.isEmpty() && !mobileChanged && !emailAdded) {
            return contact;
        }
        Instant now = Cards.now();
        UnlockedCard next = card.withFields(fieldChanges, now);
        if (mobileChanged) {
            next = next.withMobile(change.mobile(), now);
        }
        if (emailAdded) {
            next = next.withEmail(change.email(), now);
        }
        Contact saved = cards.save(next.contact());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("fields", String.join(",", fieldChanges.keySet()));
        details.put("mobile", String.valueOf(mobileChanged));
        details.put("email", String.valueOf(emailAdded));
        events.record(next, new BehaviourEvent(EventType.UPDATE, now, null, details));
        audit.updated(saved, fieldChanges.keySet(), mobileChanged, emailAdded, change.actor());
        return saved;
    }

    private static void checkFieldCount(Map<String, String> current, Map<String, String> changes) {
        long after = current.keySet().stream().filter(name -> !changes.containsKey(name)).count()
                + changes.values().stream().filter(Objects::nonNull).count();
        if (after > CustomFields.MAX_FIELDS) {
            throw new InvalidInputException("fields", "a contact holds at most " + CustomFields.MAX_FIELDS + " fields");
        }
    }

    private void checkMobile(UnlockedCard card, CardChange change, AccountId account) {
        if (change.mobile() == null && card.contact().emailIndex() == null) {
            throw new InvalidInputException("mobile", "cannot be removed from a contact without an email address");
        }
        if (change.mobile() != null) {
            cards.extra(account, change.mobile(), card.contact().id()).requireFree("mobile number");
        }
    }

    /** A card found by its mobile number may get an email address, but never another one than it has. */
    private boolean emailAdded(UnlockedCard card, CardChange change, AccountId account) {
        String current = card.email();
        if (current != null) {
            if (!current.equalsIgnoreCase(change.email().value())) {
                throw new AddressTaken("The contact of this mobile number has another email address");
            }
            return false;
        }
        cards.extra(account, change.email(), card.contact().id()).requireFree("email address");
        return true;
    }
}
