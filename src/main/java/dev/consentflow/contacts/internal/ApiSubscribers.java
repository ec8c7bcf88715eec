package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.CardView;
import dev.consentflow.contacts.ContactManagement.SubscriptionRef;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionId;
import org.springframework.stereotype.Component;

/** {@link Subscribers}: the checks and changes of {@link Signups}, {@link Unsubscriptions} and {@link ContactCards}. */
@Component
class ApiSubscribers implements Subscribers {

    private final Signups signups;
    private final Unsubscriptions unsubscriptions;
    private final ContactCards cards;

    ApiSubscribers(Signups signups, Unsubscriptions unsubscriptions, ContactCards cards) {
        this.signups = signups;
        this.unsubscriptions = unsubscriptions;
        this.cards = cards;
    }

    @Override
    public Signup check(AccountId account, Signup signup) {
        return signups.check(account, signup);
    }

    @Override
    public SubscriptionRef subscribeConfirmed(AccountId account, Signup signup) {
        return signups.subscribeConfirmedRef(account, signup);
    }

    @Override
    public SubscriptionId subscriptionOf(AccountId account, SubscriberId subscriber, String listKey) {
        return unsubscriptions.target(account, subscriber.value(), listKey);
    }

    @Override
    public CardView card(Caller caller, SubscriberId subscriber) {
        return cards.current(caller, subscriber.value());
    }
}
