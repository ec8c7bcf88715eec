package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.AccountKeys;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;

/**
 * Each card has its own random AES-256 data key, stored only wrapped (AES-GCM) by the account's key
 * {@code contacts.wrap} of a key version. Erasure deletes the wrapped key, and with it every copy of the
 * person's data in backups (crypto-shredding). Rotating the account key means re-wrapping data keys, not
 * re-encrypting fields.
 */
@Component
class CardKeys {

    private final AccountKeys accountKeys;

    CardKeys(AccountKeys accountKeys) {
        this.accountKeys = accountKeys;
    }

    /** A new data key for a new card, and its wrapped form for the database. */
    NewKey create(AccountId account, UUID contactId) {
        SecretKey dataKey = Sealing.newDataKey();
        int version = accountKeys.currentVersion(account);
        byte[] wrapped = Sealing.seal(accountKeys.wrappingKey(account, version), dataKey.getEncoded(),
                boundTo(contactId));
        return new NewKey(dataKey, version, wrapped);
    }

    /**
     * Unwraps a card's data key.
     *
     * @throws Sealing.TamperedException when the wrapped key was changed or belongs to another card or account
     * @throws dev.consentflow.keys.KeyRetired when the version was retired
     */
    SecretKey unwrap(AccountId account, UUID contactId, int version, byte[] wrapped) {
        byte[] raw = Sealing.open(accountKeys.wrappingKey(account, version), wrapped, boundTo(contactId));
        return Sealing.aesKey(raw);
    }

    /** A card's data key wrapped again under another version (a rotation): the data key itself stays. */
    byte[] rewrap(AccountId account, UUID contactId, int from, byte[] wrapped, int to) {
        byte[] raw = Sealing.open(accountKeys.wrappingKey(account, from), wrapped, boundTo(contactId));
        return Sealing.seal(accountKeys.wrappingKey(account, to), raw, boundTo(contactId));
    }

    /** The associated data of a wrapped key: a key moved to another card's row no longer opens. */
    private static byte[] boundTo(UUID contactId) {
        return ("contact:" + contactId + "/data-key").getBytes(StandardCharsets.UTF_8);
    }

    record NewKey(SecretKey dataKey, int version, byte[] wrapped) {
    }
}
