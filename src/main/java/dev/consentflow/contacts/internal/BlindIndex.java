package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The blind index finds a card by its full address without storing the address: HMAC-SHA256 of
 * {@link EmailAddress#normalized()} (the whole address trimmed and lower-cased, the domain in its ASCII form)
 * under the account's key {@code contacts.blind-index}, and of the E.164 number under
 * {@code contacts.blind-index.mobile}. Being keyed per account, the same address gives different indexes in
 * two accounts, and nobody without the master key can test guesses against the table. A partial address gives
 * an unrelated index, so it finds nothing.
 */
@Component
class BlindIndex {

    static final String EMAIL_PURPOSE = "contacts.blind-index";
    static final String MOBILE_PURPOSE = "contacts.blind-index.mobile";

    private final KeyRing keyRing;

    BlindIndex(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    int currentVersion() {
        return keyRing.currentVersion();
    }

    /** The index new cards are written with. */
    byte[] email(AccountId account, EmailAddress address) {
        return email(account, address, keyRing.currentVersion());
    }

    byte[] mobile(AccountId account, MobileNumber number) {
        return mobile(account, number, keyRing.currentVersion());
    }

    /** The index under every key version in use, newest first, so cards written before a rotation are found. */
    List<byte[]> emailCandidates(AccountId account, EmailAddress address) {
        List<byte[]> candidates = new ArrayList<>();
        for (int v = keyRing.currentVersion(); v >= 1; v--) {
            candidates.add(email(account, address, v));
        }
        return candidates;
    }

    List<byte[]> mobileCandidates(AccountId account, MobileNumber number) {
        List<byte[]> candidates = new ArrayList<>();
        for (int v = keyRing.currentVersion(); v >= 1; v--) {
            candidates.add(mobile(account, number, v));
        }
        return candidates;
    }

    private byte[] email(AccountId account, EmailAddress address, int version) {
        return Sealing.hmac(keyRing.derive(EMAIL_PURPOSE, account, version),
                address.normalized().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mobile(AccountId account, MobileNumber number, int version) {
        return Sealing.hmac(keyRing.derive(MOBILE_PURPOSE, account, version),
                number.value().getBytes(StandardCharsets.UTF_8));
    }
}
