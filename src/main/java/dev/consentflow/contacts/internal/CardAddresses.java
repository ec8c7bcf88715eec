package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.AddressTaken;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.dispatch.Channel;
import org.springframework.stereotype.Component;

/**
 * Creates or completes the card of a signup. The channel's address identifies the person; the other address
 * (the mobile number of a mail signup, the email of an SMS signup) is only data, and must not be another live
 * card's already.
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
     * A new card for an unconfirmed signup. An extra address that belongs to another card is left out rather
     * than refused: the answer to a form must not tell whether an address is known.
     */
    Contact createLenient(AccountId account, CheckedSignup request) {
        EmailAddress email = request.email();
        MobileNumber mobile = request.mobile();
        if (request.channel() == Channel.EMAIL && mobile != null && cards.mobileTaken(account, mobile, null)) {
            mobile = null;
        }
        if (request.channel() == Channel.SMS && email != null && cards.emailTaken(account, email, null)) {
            email = null;
        }
        return cards.create(account, email, mobile, request.fields(), request.source());
    }

    /** A new card for a confirmed subscription: the integration learns of a clash, with a {@code 409}. */
    Contact createStrict(AccountId account, CheckedSignup request) {
        if (request.channel() == Channel.EMAIL && request.mobile() != null
                && cards.mobileTaken(account, request.mobile(), null)) {
            throw new AddressTaken("Another contact of this account has this mobile number");
        }
        if (request.channel() == Channel.SMS && request.email() != null
                && cards.emailTaken(account, request.email(), null)) {
            throw new AddressTaken("Another contact of this account has this email address");
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
