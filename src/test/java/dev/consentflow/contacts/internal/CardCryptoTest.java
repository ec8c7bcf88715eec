package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class CardCryptoTest {

    private final TestKeyRing keyRing = new TestKeyRing();
    private final CardKeys keys = new CardKeys(new TestAccountKeys(keyRing));
    private final AccountId account = new AccountId(UUID.randomUUID());
    private final UUID contactId = UUID.randomUUID();

    @Test
    void aValueSealedForACardOpensForThatCardAndPlace() {
        CardCipher cipher = new CardCipher(contactId, keys.create(account, contactId).dataKey());
        byte[] sealed = cipher.seal("email", "anna@example.dk");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("anna");
        assertThat(cipher.open("email", sealed)).isEqualTo("anna@example.dk");
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
        CardCipher cipher = new CardCipher(contactId, keys.create(account, contactId).dataKey());
        assertThat(cipher.seal("email", "anna@example.dk")).isNotEqualTo(cipher.seal("email", "anna@example.dk"));
    }

    @Test
    void aChangedByteAnywhereInTheCiphertextFailsToOpen() {
        CardCipher cipher = new CardCipher(contactId, keys.create(account, contactId).dataKey());
        byte[] sealed = cipher.seal("field:firstName", "Anna");
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open("field:firstName", changed))
                    .as("byte %d", i).isInstanceOf(Sealing.TamperedException.class);
        }
        byte[] cut = java.util.Arrays.copyOf(sealed, sealed.length - 1);
        assertThatThrownBy(() -> cipher.open("field:firstName", cut)).isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void aCiphertextMovedToAnotherFieldOrCardDoesNotOpen() {
        SecretKey dataKey = keys.create(account, contactId).dataKey();
        CardCipher cipher = new CardCipher(contactId, dataKey);
        byte[] sealed = cipher.seal(CardCipher.fieldPlace("firstName"), "Anna");
        assertThatThrownBy(() -> cipher.open(CardCipher.fieldPlace("lastName"), sealed))
                .isInstanceOf(Sealing.TamperedException.class);
        assertThatThrownBy(() -> new CardCipher(UUID.randomUUID(), dataKey).open(CardCipher.fieldPlace("firstName"), sealed))
                .isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void aWrappedDataKeyOpensOnlyForItsCardAndAccount() {
        CardKeys.NewKey key = keys.create(account, contactId);
        assertThat(new String(key.wrapped(), StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(key.dataKey().getEncoded(), StandardCharsets.ISO_8859_1));
        assertThat(keys.unwrap(account, contactId, key.version(), key.wrapped()).getEncoded())
                .isEqualTo(key.dataKey().getEncoded());
        assertThatThrownBy(() -> keys.unwrap(account, UUID.randomUUID(), key.version(), key.wrapped()))
                .isInstanceOf(Sealing.TamperedException.class);
        assertThatThrownBy(() -> keys.unwrap(new AccountId(UUID.randomUUID()), contactId, key.version(), key.wrapped()))
                .isInstanceOf(Sealing.TamperedException.class);
        byte[] changed = key.wrapped().clone();
        changed[changed.length - 1] ^= 0x01;
        assertThatThrownBy(() -> keys.unwrap(account, contactId, key.version(), changed))
                .isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void aKeyWrappedBeforeARotationStillOpensUnderItsVersion() {
        CardKeys.NewKey old = keys.create(account, contactId);
        keyRing.rotate();
        CardKeys.NewKey fresh = keys.create(account, UUID.randomUUID());
        assertThat(fresh.version()).isEqualTo(old.version() + 1);
        assertThat(keys.unwrap(account, contactId, old.version(), old.wrapped()).getEncoded())
                .isEqualTo(old.dataKey().getEncoded());
        assertThatThrownBy(() -> keys.unwrap(account, contactId, fresh.version(), old.wrapped()))
                .isInstanceOf(Sealing.TamperedException.class);
    }
}
