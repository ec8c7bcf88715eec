package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SignupOutcome;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionConfirmedDirectly;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signups: the pending request of a double opt-in, and the subscription an integration confirms at once. Both
 * take the address's lock first, so parallel requests for one person find one card and one subscription.
 */
@Component
class Signups implements Subscribers {

    private final Cards cards;
    private final SubscriptionRepository subscriptions;
    private final Lists lists;
    private final ContactAudit audit;
    private final CardAddresses addresses;
    private final ApplicationEventPublisher events;
    private final NewRows rows;

    Signups(Cards cards, SubscriptionRepository subscriptions, Lists lists, ContactAudit audit,
            CardAddresses addresses, ApplicationEventPublisher events, NewRows rows) {
        this.rows = rows;
        this.cards = cards;
        this.subscriptions = subscriptions;
        this.lists = lists;
        this.audit = audit;
        this.addresses = addresses;
        this.events = events;
    }

    /**
     * A pending request. A card that exists is not changed: the requester has not proven yet that they are the
     * person. A new card keeps what was given, except an address another live card has already.
     */
    @Override
    @Transactional
    public SignupOutcome registerSignup(AccountId account, Signup signup) {
        return register(account, CheckedSignup.of(account, signup, lists));
    }

    @Override
    @Transactional
    public SignupOutcome registerSignup(AccountId account, Signup signup, ListInfo listAsRead) {
        return register(account, CheckedSignup.ofListAsRead(account, signup, listAsRead, lists));
    }

    private SignupOutcome register(AccountId account, CheckedSignup request) {
        Optional<Contact> newest = lockAndFindNewestCard(account, request);
        if (newest.isPresent() && newest.get().isErased()) {
            return new SignupOutcome.Erased(new SubscriberId(newest.get().id()));
        }
        Instant now = Cards.now();
        Function<UUID, Subscription> requested = cardId -> Subscription.requested(account.value(), cardId,
                request.list().id(), request.channel(), request.source(), request.evidence(), integration(), now);
        // A new card is written with its pending subscription, in one statement.
        CardAddresses.NewCard made = newest.isPresent() ? null : addresses.createLenient(account, request, requested);
        Contact card = made == null ? newest.get() : made.card();
        // A card made just now has no other subscription: nothing to look up.
        Optional<Subscription> existing = made != null ? Optional.empty()
                : subscriptions.findByContactIdAndListId(card.id(), request.list().id());
        SubscriberId subscriber = new SubscriberId(card.id());
        if (existing.isPresent() && existing.get().status() == SubscriptionStatus.PENDING) {
            return new SignupOutcome.Pending(subscriber, new SubscriptionId(existing.get().id()), false);
        }
        if (existing.isPresent() && existing.get().status() == SubscriptionStatus.CONFIRMED) {
            return new SignupOutcome.AlreadyConfirmed(subscriber, new SubscriptionId(existing.get().id()));
        }
        Subscription pending = made != null ? made.subscription() : existing
                .map(s -> subscriptions.save(s.requestedAgain(request.channel(), request.source(), request.evidence(),
                        integration(), now)))
                .orElseGet(() -> rows.insert(requested.apply(card.id())));
        audit.subscribed(pending, request.list(), made == null ? Map.of() : made.detail());
        return new SignupOutcome.Pending(subscriber, new SubscriptionId(pending.id()), true, request.list().info());
    }

    /**
     * Consent the integration already holds: CONFIRMED at once, the evidence serving as request and confirmation.
     * The integration is trusted with the card too: given fields and addresses are written to it.
     */
    @Override
    @Transactional
    public SubscriptionRef subscribeConfirmed(AccountId account, Signup signup) {
        return subscribeConfirmed(account, CheckedSignup.of(account, signup, lists));
    }

    @Override
    @Transactional
    public SubscriptionRef subscribeConfirmed(AccountId account, Signup signup, ListInfo listAsRead) {
        return subscribeConfirmed(account, CheckedSignup.ofListAsRead(account, signup, listAsRead, lists));
    }

    private SubscriptionRef subscribeConfirmed(AccountId account, CheckedSignup request) {
        Optional<Contact> newest = lockAndFindNewestCard(account, request);
        if (newest.isPresent() && newest.get().isErased()) {
            throw new ContactAlreadyErased("This address was erased; it can come back only through a confirmed "
                    + "opt-in of the person (POST /api/contacts/{id}/resubscribe)");
        }
        Contact card = newest.map(existing -> addresses.merge(existing, request))
                .orElseGet(() -> addresses.createStrict(account, request));
        Instant now = Cards.now();
        Optional<Subscription> existing = subscriptions.findByContactIdAndListId(card.id(), request.list().id());
        if (existing.isPresent() && existing.get().status() == SubscriptionStatus.CONFIRMED) {
            return ref(existing.get(), request);
        }
        boolean wasPending = existing.isPresent() && existing.get().status() == SubscriptionStatus.PENDING;
        Subscription requested = existing
                .map(s -> wasPending ? s : s.requestedAgain(request.channel(), request.source(), request.evidence(),
                        integration(), now))
                .orElseGet(() -> Subscription.requested(account.value(), card.id(), request.list().id(),
                        request.channel(), request.source(), request.evidence(), integration(), now));
        Subscription confirmed = subscriptions.save(requested.confirmed(request.evidence(), now));
        if (!wasPending) {
            audit.subscribed(requested, request.list());
        }
        audit.confirmed(confirmed, request.list());
        if (request.source() != Source.IMPORT) {
            events.publishEvent(new SubscriptionConfirmedDirectly(account, new SubscriberId(card.id()),
                    new SubscriptionId(confirmed.id()), request.list().key()));
        }
        return ref(confirmed, request);
    }

    /**
     * Checks a signup as the store will (see {@link CheckedSignup}) and answers it cleaned, with its list; writes
     * nothing. No transaction of its own: its one read (the list) needs none.
     */
    @Override
    public Checked check(AccountId account, Signup signup) {
        CheckedSignup checked = CheckedSignup.of(account, signup, lists);
        return new Checked(new Signup(checked.email() == null ? null : checked.email().value(),
                checked.mobile() == null ? null : checked.mobile().value(), checked.channel(),
                checked.list().key(), checked.fields(), checked.source(), checked.evidence()), checked.list().info());
    }

    private static SubscriptionRef ref(Subscription subscription, CheckedSignup request) {
        return new SubscriptionRef(new SubscriberId(subscription.contactId()), new SubscriptionId(subscription.id()),
                request.list().info(), subscription.status());
    }

    /** Takes the address's lock and reads its newest card (live or a tombstone) after it, in one round trip. */
    private Optional<Contact> lockAndFindNewestCard(AccountId account, CheckedSignup request) {
        return cards.lockAndFindAll(account, request.identityEmail(), request.identityMobile()).stream().findFirst();
    }

    /** The API key the request came with (the integration), when it came through the API. */
    private static String integration() {
        return Caller.current().map(Caller::actor).orElse(null);
    }
}
