package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.dispatch.Channel;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Creates or completes the card of a signup. The channel's address identifies the person; the other address
 * (the mobile number of a mail signup, the email of an SMS signup) is only data, and must not be another live
 * card's already, nor an erased one ({@link ExtraAddress}).
 */
@Component
class CardAddresses {

    private final Cards cards;
    private final CardEditor editor;

    CardAddresses(Cards cards, CardEditor editor) {
        this.cards = cards;
        this.editor = editor;
    }

    /**
     * A new card of an unconfirmed signup, and the extra address left out of it (null) and why; with the pending
     * subscription written with it, when one was asked for (else null).
     */
    record NewCard(Contact card, String leftOut, ExtraAddress because, Subscription subscription) {

        NewCard(Contact card, String leftOut, ExtraAddress because) {
            this(card, leftOut, because, null);
        }

        /** What the SUBSCRIBED entry says about it: which address was left out and why; empty when none. */
        Map<String, Object> detail() {
            return leftOut == null ? Map.of() : Map.of("leftOut", leftOut, "leftOutBecause", because.reason());
        }
    }

    /**
     * A new card for an unconfirmed signup. An extra address that may not go onto a card ({@link Cards#extra}:
     * another card's, or an erased one) is left out rather than refused: the answer to a form must not tell
     * whether an address is known. The audit entry records it.
     */
    NewCard createLenient(AccountId account, CheckedSignup request) {
        return createLenient(account, request, null);
    }

    /**
     * {@link #createLenient(AccountId, CheckedSignup)} with the signup's subscription of the new card (made from the
     * card's id) written in the same statement as the card, when {@code subscriptionOf} is given.
     */
    NewCard createLenient(AccountId account, CheckedSignup request, Function<UUID, Subscription> subscriptionOf) {
        EmailAddress email = request.email();
        MobileNumber mobile = request.mobile();
        ExtraAddress because = ExtraAddress.FREE;
        String leftOut = null;
        if (request.channel() == Channel.EMAIL && mobile != null) {
            because = cards.extra(account, mobile, null);
            leftOut = because == ExtraAddress.FREE ? null : "mobile";
            mobile = leftOut == null ? mobile : null;
        }
        if (request.channel() == Channel.SMS && email != null) {
            because = cards.extra(account, email, null);
            leftOut = because == ExtraAddress.FREE ? null : "email";
            email = leftOut == null ? email : null;
        }
        if (subscriptionOf == null) {
            return new NewCard(cards.create(account, email, mobile, request.fields(), request.source()), leftOut,
                    because);
        }
        NewRows.Inserted inserted = cards.create(account, email, mobile, request.fields(), request.source(),
                subscriptionOf);
        return new NewCard(inserted.card(), leftOut, because, inserted.subscription());
    }

    /**
     * A new card for a confirmed subscription: the integration learns of an extra address that may not go onto it
     * (another card's, or an erased one) with a {@code 409}.
     */
    Contact createStrict(AccountId account, CheckedSignup request) {
        if (request.channel() == Channel.EMAIL && request.mobile() != null) {
            cards.extra(account, request.mobile(), null).requireFree("mobile number");
        }
        if (request.channel() == Channel.SMS && request.email() != null) {
            cards.extra(account, request.email(), null).requireFree("email address");
        }
        return cards.create(account, request.email(), request.mobile(), request.fields(), request.source());
    }

    /** Writes what a confirmed subscription brings (fields, the extra address) to the person's card. */
    Contact merge(Contact existing, CheckedSignup request) {
        boolean mobileGiven = request.channel() == Channel.EMAIL && request.mobile() != null;
        EmailAddress email = request.channel() == Channel.SMS ? request.email() : null;
        return editor.change(cards.openForChange(existing),
                new CardChange(request.fields(), mobileGiven, mobileGiven ? request.mobile() : null, email));
    }
}
