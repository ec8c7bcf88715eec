package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactManagement;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SignupOutcome;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.Unsubscribed;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The contacts module's facade for processes and other modules. */
@Service
class ContactStore implements ContactManagement {

    private final Lists lists;
    private final Signups signups;
    private final SubscriptionLifecycle lifecycle;
    private final Unsubscriptions unsubscriptions;
    private final ListAudiences audiences;

    ContactStore(Lists lists, Signups signups, SubscriptionLifecycle lifecycle, Unsubscriptions unsubscriptions,
                 ListAudiences audiences) {
        this.audiences = audiences;
        this.lists = lists;
        this.signups = signups;
        this.lifecycle = lifecycle;
        this.unsubscriptions = unsubscriptions;
    }

    @Override
    public Optional<ListInfo> findList(AccountId account, String listKey) {
        return lists.find(account, listKey).map(MailingList::info);
    }

    @Override
    public SignupOutcome registerSignup(AccountId account, Signup signup) {
        return signups.register(account, signup);
    }

    @Override
    public SubscriptionId subscribeConfirmed(AccountId account, Signup signup) {
        return signups.subscribeConfirmed(account, signup);
    }

    @Override
    public ConfirmOutcome confirm(AccountId account, SubscriptionId subscription, ConsentEvidence confirmation) {
        return lifecycle.confirm(account, subscription, confirmation);
    }

    @Override
    public void purgeExpired(AccountId account, SubscriptionId subscription) {
        lifecycle.purgeExpired(account, subscription);
    }

    @Override
    public void lockPerson(AccountId account, SubscriptionId subscription) {
        lifecycle.lockPerson(account, subscription);
    }

    @Override
    public Optional<SubscriptionRef> subscription(AccountId account, SubscriptionId subscription) {
        return lifecycle.subscription(account, subscription);
    }

    @Override
    public Optional<SubscriptionRef> subscription(AccountId account, SubscriberId subscriber, String listKey) {
        return lifecycle.subscription(account, subscriber, listKey);
    }

    @Override
    public List<SubscriptionRef> brandSubscriptions(AccountId account, SubscriptionId subscription) {
        return unsubscriptions.brandSubscriptions(account, subscription);
    }

    @Override
    public Optional<Unsubscribed> unsubscribe(AccountId account, Unsubscribe request) {
        return unsubscriptions.unsubscribe(account, request);
    }

    @Override
    public List<SubscriptionId> confirmedSubscriptions(AccountId account, ListInfo list, SubscriptionId after,
                                                       int limit) {
        return audiences.confirmed(account, list, after, limit);
    }

    @Override
    public List<ListRecipient> confirmedRecipients(AccountId account, Collection<SubscriptionId> subscriptions) {
        return audiences.recipients(account, subscriptions);
    }

    @Override
    public List<SubscriptionId> unsubscribedSince(AccountId account, ListInfo list, Instant since) {
        return audiences.unsubscribedSince(account, list, since);
    }
}
