package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ContactErased;
import dev.consentflow.contacts.Erasures;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.Permissions;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a card into the tombstone of DESIGN.md rule 2, and removes tombstones whose retention ended.
 *
 * <p>Lock order: the person's address locks first (as a signup and an expiry take them), then, through
 * {@link ContactErased}, the other modules' rows (a confirmation click locks its double opt-in row before the
 * subscription), then the card and its subscriptions. So an erasure racing a signup, an expiry or a click waits
 * for it, or makes it wait, but never deadlocks with it.
 */
@Component
class CardErasure implements Erasures, Permissions {

    private static final int PURGE_BATCH = 500;

    private final ContactRepository contacts;
    private final SubscriptionRepository subscriptions;
    private final Cards cards;
    private final ContactAudit audit;
    private final ApplicationEventPublisher publisher;
    private final ErasureCards erasing;

    CardErasure(ContactRepository contacts, SubscriptionRepository subscriptions, Cards cards, ContactAudit audit,
                ApplicationEventPublisher publisher, ErasureCards erasing) {
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.cards = cards;
        this.audit = audit;
        this.publisher = publisher;
        this.erasing = erasing;
    }

    @Override
    @Transactional
    public boolean erase(AccountId account, SubscriberId subscriber) {
        // The card's row only, twice: its fields are deleted unread.
        Optional<Contact> found = erasing.card(subscriber.value(), account.value());
        if (found.isEmpty() || found.get().isErased()) {
            return false;
        }
        cards.lockPerson(found.get());
        Optional<Contact> locked = erasing.lockedCard(subscriber.value(), account.value());
        if (locked.isEmpty() || locked.get().isErased()) {
            return false;
        }
        Contact contact = locked.get();
        if (contact.version().longValue() != found.get().version().longValue()) {
            // Changed (perhaps its address) between the read and the lock: the address locks taken may be the old
            // address's; the whole transaction runs again.
            throw new OptimisticLockingFailureException("card " + contact.id() + " changed while it was erased");
        }
        List<Subscription> held = subscriptions.findByContactId(contact.id());
        publisher.publishEvent(new ContactErased(account, subscriber,
                held.stream().map(s -> new SubscriptionId(s.id())).toList()));
        Contact tombstone = contact.tombstone(Cards.now());
        if (!tombstone.fields().isEmpty()) {
            throw new IllegalStateException("a tombstone keeps no custom field");
        }
        // The subscriptions, events and fields with the card, in one statement.
        if (erasing.writeTombstone(tombstone, contact.version()) != 1) {
            throw new OptimisticLockingFailureException("card " + contact.id() + " changed while it was erased");
        }
        return true;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Permission> permission(AccountId account, SubscriberId subscriber) {
        return erasing.permission(subscriber.value(), account.value());
    }

    /** Removes a batch of tombstones erased before the time, each with its subscriptions, each audited. */
    @Override
    @Transactional
    public int removeTombstones(Instant erasedBefore) {
        List<UUID> expired = contacts.findTombstonesErasedBefore(erasedBefore, PURGE_BATCH);
        int removed = 0;
        for (UUID id : expired) {
            Optional<Contact> tombstone = contacts.findById(id).filter(Contact::isErased);
            if (tombstone.isEmpty()) {
                continue;
            }
            List<Subscription> kept = subscriptions.findByContactId(id);
            subscriptions.deleteAll(kept);
            contacts.delete(tombstone.get());
            audit.tombstonePurged(tombstone.get(), kept.size());
            removed++;
        }
        return removed;
    }
}
