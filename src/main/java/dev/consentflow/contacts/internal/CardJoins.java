package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListJoin;
import dev.consentflow.contacts.ListJoins;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.NotFoundException;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides what putting a known card onto a list takes: the marketer's list add and the automation's "add to list"
 * both come here, then go the same ways as any signup (a double opt-in, or a subscription confirmed with the
 * caller's consent evidence), so neither bypasses consent nor brings back an erased address.
 */
@Component
class CardJoins implements ListJoins {

    private final ContactRepository contacts;
    private final SubscriptionRepository subscriptions;
    private final Lists lists;
    private final Cards cards;

    CardJoins(ContactRepository contacts, SubscriptionRepository subscriptions, Lists lists, Cards cards) {
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.lists = lists;
        this.cards = cards;
    }

    @Override
    @Transactional(readOnly = true)
    public ListJoin joinList(AccountId account, SubscriberId subscriber, String listKey, ConsentEvidence evidence,
                             boolean confirmed) {
        Contact contact = contacts.findByIdAndAccountId(subscriber.value(), account.value())
                .orElseThrow(() -> new NotFoundException("Contact"));
        MailingList list = lists.find(account, listKey).orElseThrow(() -> new NotFoundException("List"));
        if (contact.isErased()) {
            return new ListJoin.Erased(subscriber);
        }
        Optional<Subscription> existing = subscriptions.findByContactIdAndListId(contact.id(), list.id());
        if (existing.isPresent() && (existing.get().status() == SubscriptionStatus.CONFIRMED
                || !confirmed && existing.get().status() == SubscriptionStatus.PENDING)) {
            return new ListJoin.AlreadyOn(new SubscriptionRef(subscriber, new SubscriptionId(existing.get().id()),
                    list.info(), existing.get().status()));
        }
        UnlockedCard card = cards.open(contact);
        String email = card.email();
        Channel channel = email != null ? Channel.EMAIL : Channel.SMS;
        // The card's fields stay as they are: a join adds a subscription, it does not rewrite the person.
        return new ListJoin.Needed(new Signup(email, card.mobile(), channel, list.key(), Map.of(), Source.API,
                evidence));
    }
}
