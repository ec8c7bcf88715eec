package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactManagement;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.PendingResubscription;
import dev.consentflow.contacts.ResubscribeOutcome;
import dev.consentflow.contacts.Resubscription;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SignupOutcome;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListJoin;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/** The contacts module's facade for processes and other modules. */
@Service
class ContactStore implements ContactManagement {

    private final Lists lists;
    private final Signups signups;
    private final SubscriptionLifecycle lifecycle;
    private final Unsubscriptions unsubscriptions;
    private final ResubscriptionRequests resubscriptionRequests;
    private final ResubscriptionConfirmations resubscriptions;
    private final CardErasure erasure;
    private final ListAudiences audiences;
    private final Joins joins;

    /** Joining lists and changing fields, grouped so this facade keeps a short constructor. */
    @Component
    static class Joins {
        final ListJoins lists;
        final ContactCards cards;

        Joins(ListJoins lists, ContactCards cards) {
            this.lists = lists;
            this.cards = cards;
        }
    }

    ContactStore(Lists lists, Signups signups, SubscriptionLifecycle lifecycle, Unsubscriptions unsubscriptions,
                 ResubscriptionRequests resubscriptionRequests, ResubscriptionConfirmations resubscriptions,
                 CardErasure erasure, ListAudiences audiences, Joins joins) {
        this.audiences = audiences;
        this.joins = joins;
        this.lists = lists;
        this.signups = signups;
        this.lifecycle = lifecycle;
        this.unsubscriptions = unsubscriptions;
        this.resubscriptionRequests = resubscriptionRequests;
        this.resubscriptions = resubscriptions;
        this.erasure = erasure;
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
    public PendingResubscription requestResubscription(AccountId account, Resubscription request) {
        return resubscriptionRequests.request(account, request);
    }

    @Override
    public ResubscribeOutcome confirmResubscription(AccountId account, ResubscriptionId resubscription,
                                                    ConsentEvidence confirmation) {
        return resubscriptions.confirm(account, resubscription, confirmation);
    }

    @Override
    public void purgeExpiredResubscription(AccountId account, ResubscriptionId resubscription) {
        resubscriptions.purgeExpired(account, resubscription);
    }

    @Override
    public void lockPerson(AccountId account, ResubscriptionId resubscription) {
        resubscriptions.lockPerson(account, resubscription);
    }

    @Override
    public Optional<Permission> permission(AccountId account, SubscriberId subscriber) {
        return erasure.permission(account, subscriber);
    }

    @Override
    public boolean erase(AccountId account, SubscriberId subscriber) {
        return erasure.erase(account, subscriber);
    }

    @Override
    public int removeTombstones(Instant erasedBefore) {
        return erasure.removeTombstones(erasedBefore);
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

    @Override
    public ListJoin joinList(AccountId account, SubscriberId subscriber, String listKey, ConsentEvidence evidence,
                             boolean confirmed) {
        return joins.lists.join(account, subscriber, listKey, evidence, confirmed);
    }

    @Override
    public boolean updateFields(AccountId account, SubscriberId subscriber, Map<String, String> fields) {
        return joins.cards.changeFields(account, subscriber.value(), fields);
    }
}
