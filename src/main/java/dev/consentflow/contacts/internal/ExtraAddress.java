package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.AddressTaken;
import dev.consentflow.contacts.ContactAlreadyErased;

/**
 * May an address given as extra data (not the one the person confirms: the mobile number of a mail signup, the email
 * of an SMS signup, a number set on a card) go onto a card? The one answer every path asks ({@link Cards#extra}):
 * not when another live card has it, and not when only a tombstone has it, since an erased address comes back only
 * through a confirmed opt-in of that address. A path that must not tell whether an address is known (a form) leaves
 * it out and records why ({@link #reason}); a trusted one (the API, an import) is refused ({@link #requireFree}).
 */
enum ExtraAddress {
    FREE, TAKEN, ERASED;

    static ExtraAddress of(String holder) {
        return holder == null ? FREE : valueOf(holder);
    }

    /** Why the address was left out, as an audit entry's detail says it: {@code taken} or {@code erased}. */
    String reason() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Throws the {@code 409} of an address that may not go onto the card; {@code what} names it in the detail. */
    void requireFree(String what) {
        if (this == TAKEN) {
            throw new AddressTaken("Another contact of this account has this " + what);
        }
        if (this == ERASED) {
            throw new ContactAlreadyErased("This " + what + " was erased; it can come back only through a confirmed "
                    + "opt-in of that " + what + " (POST /api/contacts/{id}/resubscribe)");
        }
    }
}
