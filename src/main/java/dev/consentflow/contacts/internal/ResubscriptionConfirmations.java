package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.PendingResubscriptions;
import dev.consentflow.contacts.ResubscribeOutcome;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.internal.SealedResubscriptions.Opened;
import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of a pending resubscription: the person's confirmation makes a new card (DESIGN.md rule 3), or its
 * expiry deletes the request. Both take the address's lock first and the pending row's lock after, the order a
 * signup of the same address takes them in, so neither waits for the other in a circle. The pending row goes
 * either way: afterwards no address is left but on the new card.
 */
@Component
class ResubscriptionConfirmations implements PendingResubscriptions {

    private final SealedResubscriptions pending;
    private final Cards cards;
    private final SubscriptionRepository subscriptions;
    private final Lists lists;
    private final ContactAudit audit;

    ResubscriptionConfirmations(SealedResubscriptions pending, Cards cards, SubscriptionRepository subscriptions,
                                Lists lists, ContactAudit audit) {
        this.pending = pending;
        this.cards = cards;
        this.subscriptions = subscriptions;
        this.lists = lists;
        this.audit = audit;
    }

    @Override
    @Transactional
    public ResubscribeOutcome confirmResubscription(AccountId account, ResubscriptionId id, ConsentEvidence click) {
        Optional<Opened> found = pending.find(account, id.value());
        if (found.isEmpty()) {
            return ResubscribeOutcome.notPending();
        }
        lockAddress(account, found.get().payload());
        Optional<Opened> locked = pending.lock(account, id.value());
        if (locked.isEmpty()) {
            return ResubscribeOutcome.notPending();
        }
        StoredResubscription row = locked.get().row();
        ResubscriptionPayload request = locked.get().payload();
        MailingList list = lists.byId(row.listId());
        pending.delete(row);
        ConsentEvidence confirmation = SubscriptionLifecycle.cleanClick(click);
        Optional<Contact> newest = cards.newest(account, request.identityEmail(), request.identityMobile());
        if (newest.isPresent() && newest.get().id().equals(row.tombstoneId())) {
            return comeBack(account, row, list, request, confirmation);
        }
        if (newest.isPresent() && !newest.get().isErased()) {
            return join(newest.get(), row, list, request, confirmation);
        }
        audit.resubscriptionPurged(row, list, "the address was erased again");
        return ResubscribeOutcome.notPending();
    }

    @Override
    @Transactional
    public void purgeExpiredResubscription(AccountId account, ResubscriptionId id) {
        Optional<Opened> found = pending.find(account, id.value());
        if (found.isEmpty()) {
            return;
        }
        lockAddress(account, found.get().payload());
        pending.lock(account, id.value()).ifPresent(locked -> {
            pending.delete(locked.row());
            audit.resubscriptionPurged(locked.row(), lists.byId(locked.row().listId()), "expired");
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ListInfo> list(AccountId account, ResubscriptionId id) {
        return pending.row(account, id.value()).map(row -> lists.byId(row.listId()).info());
    }

    @Override
    @Transactional
    public void lockPerson(AccountId account, ResubscriptionId id) {
        pending.find(account, id.value()).ifPresent(found -> lockAddress(account, found.payload()));
    }

    /** The tombstone is still the newest card of the address: a new card, nothing on it but the address. */
    private ResubscribeOutcome comeBack(AccountId account, StoredResubscription row, MailingList list,
                                        ResubscriptionPayload request, ConsentEvidence confirmation) {
        if (request.identityMobile() == null && request.mobileNumber() != null
                && cards.mobileTaken(account, request.mobileNumber(), null)) {
            audit.resubscriptionPurged(row, list, "the mobile number belongs to another contact now");
            return ResubscribeOutcome.notPending();
        }
        Contact card = cards.create(account, request.emailAddress(), request.mobileNumber(), Map.of(),
                Source.RESUBSCRIBED);
        Instant now = Cards.now();
        Subscription requested = Subscription.requested(account.value(), card.id(), list.id(), row.channel(),
                Source.RESUBSCRIBED, request.evidence(), request.integration(), now);
        Subscription confirmed = subscriptions.save(requested.confirmed(confirmation, now));
        audit.resubscribed(row.tombstoneId(), confirmed, list);
        audit.subscribed(requested, list);
        audit.confirmed(confirmed, list);
        return outcome(ConfirmOutcome.CONFIRMED, confirmed);
    }

    /**
     * The person came back meanwhile, through another list's resubscription: their live card is the person now,
     * and gets this list too, confirmed with this request's evidence.
     */
    private ResubscribeOutcome join(Contact live, StoredResubscription row, MailingList list,
                                    ResubscriptionPayload request, ConsentEvidence confirmation) {
        if (row.channel() == Channel.SMS && !Objects.equals(cards.open(live).mobile(), request.mobile())) {
            audit.resubscriptionPurged(row, list, "the contact has another mobile number now");
            return ResubscribeOutcome.notPending();
        }
        Optional<Subscription> existing = subscriptions.findByContactIdAndListId(live.id(), list.id());
        if (existing.isPresent() && existing.get().status() == SubscriptionStatus.CONFIRMED) {
            return outcome(ConfirmOutcome.ALREADY_CONFIRMED, existing.get());
        }
        Instant now = Cards.now();
        boolean wasPending = existing.isPresent() && existing.get().status() == SubscriptionStatus.PENDING;
        Subscription requested = existing
                .map(s -> wasPending ? s : s.requestedAgain(row.channel(), Source.RESUBSCRIBED, request.evidence(),
                        request.integration(), now))
                .orElseGet(() -> Subscription.requested(live.accountId(), live.id(), list.id(), row.channel(),
                        Source.RESUBSCRIBED, request.evidence(), request.integration(), now));
        Subscription confirmed = subscriptions.save(requested.confirmed(confirmation, now));
        audit.resubscribed(row.tombstoneId(), confirmed, list);
        if (!wasPending) {
            audit.subscribed(requested, list);
        }
        audit.confirmed(confirmed, list);
        return outcome(ConfirmOutcome.CONFIRMED, confirmed);
    }

    private void lockAddress(AccountId account, ResubscriptionPayload request) {
        cards.lockAddress(account, request.identityEmail(), request.identityMobile());
    }

    private static ResubscribeOutcome outcome(ConfirmOutcome outcome, Subscription subscription) {
        return new ResubscribeOutcome(outcome, new SubscriberId(subscription.contactId()),
                new SubscriptionId(subscription.id()));
    }
}
