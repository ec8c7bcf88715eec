package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells dispatch, just before each send, where a message goes, or that it must be suppressed: the person is
 * unknown in the account or erased; the subscription is not the person's, is on another channel than the
 * message, or is not in the state the purpose needs (CONFIRMED for list mail, PENDING for a confirmation or
 * its reminder: so UNSUBSCRIBED and BOUNCED suppress everything). A resubscription's confirmation has no
 * subscription yet: it names the tombstone and the pending resubscription, and goes to the address kept sealed
 * with that request while it is pending (once confirmed or expired, it is suppressed).
 *
 * <p>A fallback bean: it is the directory of every running server, but a context that defines a directory of
 * its own (dispatch's tests import a scripted stand-in) gets that one, not an ambiguity.
 */
@Component
@Fallback
class ContactRecipientDirectory implements RecipientDirectory {

    private final ContactRepository contacts;
    private final SubscriptionRepository subscriptions;
    private final Cards cards;
    private final SubscriptionLifecycle lifecycle;
    private final PendingResubscriptions resubscriptions;

    ContactRecipientDirectory(ContactRepository contacts, SubscriptionRepository subscriptions, Cards cards,
                              SubscriptionLifecycle lifecycle, PendingResubscriptions resubscriptions) {
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.cards = cards;
        this.lifecycle = lifecycle;
        this.resubscriptions = resubscriptions;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Recipient> resolve(AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                                       Purpose purpose) {
        if (subscriberId == null || subscriptionId == null || channel == null || purpose == null) {
            return Optional.empty();
        }
        SubscriptionStatus needed = purpose.isListMail() ? SubscriptionStatus.CONFIRMED : SubscriptionStatus.PENDING;
        Optional<Subscription> subscription = subscriptions.findByIdAndAccountId(subscriptionId, account.value());
        if (subscription.isEmpty() && purpose == Purpose.CONFIRMATION) {
            return resubscriptionConfirmation(account, subscriberId, subscriptionId, channel);
        }
        boolean allowed = subscription
                .filter(s -> s.contactId().equals(subscriberId))
                .filter(s -> s.channel() == channel)
                .filter(s -> s.status() == needed)
                .isPresent();
        if (!allowed) {
            return Optional.empty();
        }
        return contacts.findByIdAndAccountId(subscriberId, account.value())
                .filter(contact -> !contact.isErased())
                .map(cards::open)
                .map(card -> channel == Channel.EMAIL ? card.email() : card.mobile())
                .map(Recipient::new);
    }

    private Optional<Recipient> resubscriptionConfirmation(AccountId account, UUID tombstoneId, UUID resubscriptionId,
                                                           Channel channel) {
        return resubscriptions.find(account, resubscriptionId)
                .filter(pending -> pending.row().tombstoneId().equals(tombstoneId))
                .filter(pending -> pending.row().channel() == channel)
                .map(pending -> channel == Channel.EMAIL ? pending.payload().email() : pending.payload().mobile())
                .map(Recipient::new);
    }

    @Override
    public void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic) {
        lifecycle.bounced(account, subscriberId, subscriptionId, diagnostic);
    }
}
