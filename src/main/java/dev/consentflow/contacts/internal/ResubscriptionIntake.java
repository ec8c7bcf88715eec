package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.AddressNotTheTombstones;
import dev.consentflow.contacts.AddressTaken;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactNotErased;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.NewerCardExists;
import dev.consentflow.contacts.PendingResubscription;
import dev.consentflow.contacts.Resubscription;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.ResubscriptionRequests;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks an erased person's request to come back and keeps it, sealed, until they confirm. The tombstone holds
 * no address, only its blind index, so the request must carry the full address; it is accepted only when the
 * tombstone is findable by it and is still the newest card of it (once the person is back, their live card is
 * the one to subscribe). The tombstone is read, never written.
 */
@Component
class ResubscriptionIntake implements ResubscriptionRequests {

    private final Lists lists;
    private final Cards cards;
    private final ContactRepository contacts;
    private final SubscriptionRepository subscriptions;
    private final SealedResubscriptions pending;
    private final ContactAudit audit;

    ResubscriptionIntake(Lists lists, Cards cards, ContactRepository contacts, SubscriptionRepository subscriptions,
                           SealedResubscriptions pending, ContactAudit audit) {
        this.lists = lists;
        this.cards = cards;
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.pending = pending;
        this.audit = audit;
    }

    @Override
    @Transactional
    public PendingResubscription requestResubscription(AccountId account, Resubscription request) {
        // Tombstones never change, so they are read before the address's lock is taken.
        Contact tombstone = contacts.findByIdAndAccountId(request.tombstoneId().value(), account.value())
                .orElseThrow(() -> new NotFoundException("Contact"));
        if (!tombstone.isErased()) {
            throw new ContactNotErased();
        }
        MailingList list = lists.require(account, "list", request.listKey());
        EmailAddress email = request.email() == null ? null : EmailAddress.parseField("email", request.email());
        MobileNumber mobile = request.mobile() == null ? null : MobileNumber.parseField("mobile", request.mobile());
        if (email == null && mobile == null) {
            throw new InvalidInputException("email", "is required: the erased contact's full address (the erased "
                    + "card keeps no address to send to)");
        }
        checkEvidence(request.evidence());
        EmailAddress identityEmail = email;
        MobileNumber identityMobile = email == null ? mobile : null;
        cards.lockAddress(account, identityEmail, identityMobile);
        List<Contact> cardsOfAddress = cards.all(account, identityEmail, identityMobile);
        if (cardsOfAddress.stream().noneMatch(card -> card.id().equals(tombstone.id()))) {
            throw new AddressNotTheTombstones();
        }
        if (!cardsOfAddress.get(0).id().equals(tombstone.id())) {
            throw new NewerCardExists();
        }
        Channel channel = request.channel() != null ? request.channel() : erasedChannel(tombstone, list);
        if (channel == Channel.SMS && mobile == null) {
            throw new InvalidInputException("mobile", "is required: the erased permission was by SMS, so the "
                    + "confirmation goes by SMS");
        }
        if (channel == Channel.EMAIL && email == null) {
            throw new InvalidInputException("email", "is required: the confirmation goes by mail");
        }
        // The new card holds the address that identifies the person and the one the confirmation goes to.
        MobileNumber kept = channel == Channel.SMS ? mobile : identityMobile;
        if (kept != null && identityMobile == null && cards.mobileTaken(account, kept, null)) {
            throw new AddressTaken("Another contact of this account has this mobile number");
        }
        Optional<StoredResubscription> waiting = pending.of(tombstone.id(), list.id());
        if (waiting.isPresent()) {
            return answer(waiting.get(), list, false);
        }
        ResubscriptionPayload payload = ResubscriptionPayload.of(email, kept, request.evidence(), integration());
        StoredResubscription stored = pending.insert(account, tombstone.id(), list.id(), channel, payload);
        audit.resubscribeRequested(stored, list, payload);
        return answer(stored, list, true);
    }

    /**
     * How the erased person was reached: the channel of the tombstone's subscription on this list, else of its
     * newest subscription; mail for a tombstone without any (it is findable by its email address).
     */
    private Channel erasedChannel(Contact tombstone, MailingList list) {
        List<Subscription> erased = subscriptions.findByContactId(tombstone.id());
        return erased.stream().filter(s -> s.listId().equals(list.id())).findFirst()
                .or(() -> erased.stream().max(Comparator.comparing(Subscription::subscribedAt)))
                .map(Subscription::channel)
                .orElse(tombstone.emailIndex() != null ? Channel.EMAIL : Channel.SMS);
    }

    private static void checkEvidence(ConsentEvidence evidence) {
        if (evidence == null || evidence.at() == null) {
            throw new InvalidInputException("at", "is required: when the return was asked for");
        }
        tooLong("ip", evidence.ip(), CheckedSignup.MAX_IP);
        tooLong("userAgent", evidence.userAgent(), CheckedSignup.MAX_USER_AGENT);
        tooLong("consentText", evidence.consentText(), CheckedSignup.MAX_CONSENT_TEXT);
        tooLong("formKey", evidence.formKey(), CheckedSignup.MAX_FORM_KEY);
    }

    private static void tooLong(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "is longer than " + max + " characters");
        }
    }

    private static PendingResubscription answer(StoredResubscription stored, MailingList list, boolean newRequest) {
        return new PendingResubscription(new ResubscriptionId(stored.id()), new SubscriberId(stored.tombstoneId()),
                list.info(), stored.channel(), newRequest);
    }

    /** The API key the request came with, when it came through the API (a form has none). */
    private static String integration() {
        return Caller.current().map(Caller::actor).orElse(null);
    }
}
