package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.CardView;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.contacts.Unsubscriptions;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unsubscribing (DESIGN.md rule 1): one list, or every list of its brand, becomes UNSUBSCRIBED; other brands and
 * the card's data stay. Each subscription row is locked before it changes, in the order of their ids, so of many
 * parallel requests one changes and audits each list and the others find it done, and two brand-wide requests
 * never wait for each other in a circle.
 */
@Component
class CardUnsubscriptions implements Unsubscriptions {

    private final SubscriptionRepository subscriptions;
    private final ContactRepository contacts;
    private final Lists lists;
    private final ContactAudit audit;

    CardUnsubscriptions(SubscriptionRepository subscriptions, ContactRepository contacts, Lists lists,
                        ContactAudit audit) {
        this.subscriptions = subscriptions;
        this.contacts = contacts;
        this.lists = lists;
        this.audit = audit;
    }

    @Override
    @Transactional
    public Optional<Unsubscribed> unsubscribe(AccountId account, Unsubscribe request) {
        Optional<Subscription> found = subscriptions.findByIdAndAccountId(request.subscription().value(), account.value());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Subscription target = found.get();
        SubscriberId subscriber = new SubscriberId(target.contactId());
        boolean erased = contacts.findById(target.contactId()).map(Contact::isErased).orElse(true);
        if (erased) {
            return Optional.of(new Unsubscribed(subscriber, List.of(), permission(target.contactId(), true)));
        }
        List<UUID> covered = request.scope() == UnsubscribeScope.BRAND
                ? ofBrand(target).stream().map(Subscription::id).sorted().toList()
                : List.of(target.id());
        Instant at = request.at() == null ? Cards.now() : request.at();
        List<ListInfo> changed = new ArrayList<>();
        for (UUID id : covered) {
            subscriptions.findLockedByIdAndAccountId(id, account.value())
                    .filter(s -> s.status() == SubscriptionStatus.CONFIRMED || s.status() == SubscriptionStatus.PENDING)
                    .ifPresent(s -> {
                        Subscription unsubscribed = subscriptions.save(s.unsubscribed(at, Cards.now()));
                        MailingList list = lists.byId(unsubscribed.listId());
                        audit.unsubscribed(unsubscribed, list, request);
                        changed.add(list.info());
                    });
        }
        changed.sort(Comparator.comparing(ListInfo::key));
        return Optional.of(new Unsubscribed(subscriber, changed, permission(target.contactId(), false)));
    }

    /**
     * The subscription an API unsubscribe names by card and list key: {@code 404} for a card not in the account
     * (or no subscription to that list), {@code 400} for an unknown list, {@code 409} for an erased card.
     */
    @Override
    @Transactional(readOnly = true)
    public SubscriptionId subscriptionOf(AccountId account, SubscriberId subscriber, String listKey) {
        Contact contact = contacts.findByIdAndAccountId(subscriber.value(), account.value())
                .orElseThrow(() -> new NotFoundException("Contact"));
        MailingList list = lists.require(account, "list", listKey);
        if (contact.isErased()) {
            throw new ContactAlreadyErased("An erased contact is on no list any more");
        }
        return subscriptions.findByContactIdAndListId(contact.id(), list.id())
                .map(s -> new SubscriptionId(s.id()))
                .orElseThrow(() -> new NotFoundException("Subscription of this contact to this list"));
    }

    /** The subscription, then the person's other subscriptions to lists of its brand; none for the erased. */
    @Override
    @Transactional(readOnly = true)
    public List<SubscriptionRef> brandSubscriptions(AccountId account, SubscriptionId id) {
        Optional<Subscription> found = subscriptions.findByIdAndAccountId(id.value(), account.value());
        if (found.isEmpty() || contacts.findById(found.get().contactId()).map(Contact::isErased).orElse(true)) {
            return List.of();
        }
        Subscription target = found.get();
        List<SubscriptionRef> refs = new ArrayList<>();
        refs.add(ref(target, lists.byId(target.listId())));
        ofBrand(target).stream()
                .filter(s -> !s.id().equals(target.id()))
                .map(s -> ref(s, lists.byId(s.listId())))
                .sorted(Comparator.comparing(r -> r.list().key()))
                .forEach(refs::add);
        return refs;
    }

    private List<Subscription> ofBrand(Subscription target) {
        String brand = lists.byId(target.listId()).brand();
        return subscriptions.findByContactId(target.contactId()).stream()
                .filter(s -> s.accountId().equals(target.accountId()))
                .filter(s -> Objects.equals(lists.byId(s.listId()).brand(), brand))
                .toList();
    }

    private Permission permission(UUID contactId, boolean erased) {
        return CardView.permission(erased, subscriptions.findByContactId(contactId).stream()
                .map(Subscription::status).toList());
    }

    private static SubscriptionRef ref(Subscription subscription, MailingList list) {
        return new SubscriptionRef(new SubscriberId(subscription.contactId()), new SubscriptionId(subscription.id()),
                list.info(), subscription.status());
    }
}
