package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContentSealTest {

    static final KeyRing KEYS = BounceReportsTest.KEYS;

    final ContentSeal seal = new ContentSeal(KEYS);
    final AccountId account = new AccountId(UUID.randomUUID());
    final UUID message = UUID.randomUUID();

    @Test
    void aLetterOpensAsItWasSealedWhateverItsCharactersAndMissingParts() {
        for (Letter letter : new Letter[] {
                new Letter("Hej Søren, vores tilbud", "Hej,\r\ntekst æøå", "<p>Ελληνικά 中文 😀</p>",
                        "https://consentflow.test/u/abc"),
                new Letter("", "text only", null, null),
                new Letter("Subject", null, "<p>HTML only</p>", null),
                new Letter(null, null, null, null)}) {
            byte[] sealed = seal.seal(account, message, 1, letter);
            assertThat(seal.open(account, message, 1, sealed)).isEqualTo(letter);
        }
    }

    @Test
    void aLetterSealedAsJsonBeforeTheFieldFormatStillOpens() throws Exception {
        Letter letter = new Letter("Hi", "Hello,\r\nthe text.", "<p>Hello</p>", "https://consentflow.test/u/x");
        byte[] json = new ObjectMapper().writeValueAsBytes(letter);
        byte[] sealed = Sealing.seal(KEYS.derive(ContentSeal.PURPOSE, account, 1), json,
                message.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(seal.open(account, message, 1, sealed)).isEqualTo(letter);
    }

    @Test
    void aLetterMovedToAnotherMessageOrAccountDoesNotOpen() {
        byte[] sealed = seal.seal(account, message, 1, new Letter("s", "t", null, null));
        assertThatThrownBy(() -> seal.open(account, UUID.randomUUID(), 1, sealed))
                .isInstanceOf(Sealing.TamperedException.class);
        assertThatThrownBy(() -> seal.open(new AccountId(UUID.randomUUID()), message, 1, sealed))
                .isInstanceOf(Sealing.TamperedException.class);
    }

    @Test
    void aPlaintextCutShortOrWithBytesAfterItsFieldsIsRefused() {
        byte[] plain = ContentSeal.plaintext(new Letter("subject", "text", "html", null));
        assertThatThrownBy(() -> seal.letter(Arrays.copyOf(plain, plain.length - 1)))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> seal.letter(Arrays.copyOf(plain, plain.length + 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFieldFormatNeverBeginsAsJsonDoes() {
        assertThat(ContentSeal.plaintext(new Letter("{", "{", "{", "{"))[0]).isEqualTo(ContentSeal.FORMAT)
                .isNotEqualTo((byte) '{');
    }
}
