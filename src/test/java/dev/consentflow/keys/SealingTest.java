package dev.consentflow.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class SealingTest {

    private final SecretKey key = Sealing.newDataKey();
    private final byte[] place = "contact:42|email".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedValueOpensWithTheSameKeyAndPlace() {
        byte[] sealed = Sealing.seal(key, bytes("anna@example.dk"), place);

        assertThat(new String(Sealing.open(key, sealed, place), StandardCharsets.UTF_8)).isEqualTo("anna@example.dk");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertThat(Sealing.seal(key, bytes("x"), place)).isNotEqualTo(Sealing.seal(key, bytes("x"), place));
    }

    @Test
    void keysTakenInTurnsOnOneThreadEachSealAndOpenUnderTheirOwn() {
        SecretKey wrapping = Sealing.newDataKey();
        java.util.List<SecretKey> keys = new java.util.ArrayList<>();
        java.util.List<byte[]> sealed = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SecretKey data = Sealing.newDataKey();
            keys.add(wrapping);
            sealed.add(Sealing.seal(wrapping, data.getEncoded(), place));
            keys.add(data);
            sealed.add(Sealing.seal(data, bytes("anna" + i + "@example.dk"), place));
            keys.add(Sealing.aesKey(data.getEncoded()));
            sealed.add(Sealing.seal(data, bytes("Anna " + i), place));
        }
        for (int i = sealed.size() - 1; i >= 0; i--) {
            byte[] opened = Sealing.open(keys.get(i), sealed.get(i), place);
            assertThat(opened).isEqualTo(Sealing.open(Sealing.aesKey(keys.get(i).getEncoded()), sealed.get(i), place));
            int other = (i + 1) % sealed.size();
            if (!java.util.Arrays.equals(keys.get(i).getEncoded(), keys.get(other).getEncoded())) {
                int at = i;
                assertThatThrownBy(() -> Sealing.open(keys.get(other), sealed.get(at), place))
                        .isInstanceOf(Sealing.TamperedException.class);
            }
        }
        assertThat(Sealing.newDataKey().getEncoded()).hasSize(32).isNotEqualTo(Sealing.newDataKey().getEncoded());
        assertThat(Sealing.newDataKey().getAlgorithm()).isEqualTo("AES");
    }

    @Test
    void aChangedByteIsDetected() {
        byte[] sealed = Sealing.seal(key, bytes("anna@example.dk"), place);
        sealed[sealed.length / 2] ^= 1;

        assertThatThrownBy(() -> Sealing.open(key, sealed, place)).isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void aCiphertextMovedToAnotherPlaceDoesNotOpen() {
        byte[] sealed = Sealing.seal(key, bytes("anna@example.dk"), place);

        assertThatThrownBy(() -> Sealing.open(key, sealed, bytes("contact:43|email")))
                .isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        byte[] sealed = Sealing.seal(key, bytes("anna@example.dk"), place);

        assertThatThrownBy(() -> Sealing.open(Sealing.newDataKey(), sealed, place))
                .isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void aTruncatedValueIsDetected() {
        assertThatThrownBy(() -> Sealing.open(key, new byte[5], place)).isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void oneThreadSealsAndOpensUnderManyKeysInTurnAfterAFailedOpen() {
        // The thread's cipher is initialised anew for every use: a failed open leaves nothing behind.
        SecretKey other = Sealing.newDataKey();
        byte[] mine = Sealing.seal(key, bytes("anna@example.dk"), place);
        byte[] theirs = Sealing.seal(other, bytes("bo@example.dk"), place);
        assertThatThrownBy(() -> Sealing.open(other, mine, place)).isInstanceOf(Sealing.TamperedException.class);

        assertThat(new String(Sealing.open(key, mine, place), StandardCharsets.UTF_8)).isEqualTo("anna@example.dk");
        assertThat(new String(Sealing.open(other, theirs, place), StandardCharsets.UTF_8)).isEqualTo("bo@example.dk");
        assertThat(Sealing.hmac(key, bytes("x"))).isEqualTo(Sealing.hmac(key, bytes("x")))
                .isNotEqualTo(Sealing.hmac(other, bytes("x")));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
