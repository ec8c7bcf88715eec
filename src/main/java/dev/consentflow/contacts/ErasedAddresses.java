package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;

/**
 * Recognises an erased person's address in data another module still holds (an import's upload), without the
 * address: through the blind indexes the person's tombstone keeps (of their email and of their mobile number), so the
 * comparison needs nothing but the tombstone's id.
 */
public interface ErasedAddresses {

    /** The test for the tombstone's address; empty when the card is not a tombstone of the account. */
    Optional<Matcher> of(AccountId account, SubscriberId tombstone);

    /** Whether raw values (as a file holds them, unchecked) are the erased person's address. */
    interface Matcher {
        /**
         * @param email  an email address as written, or null
         * @param mobile a mobile number as written, or null
         */
        boolean matches(String email, String mobile);
    }
}
