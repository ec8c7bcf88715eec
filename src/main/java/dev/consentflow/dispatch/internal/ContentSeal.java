package dev.consentflow.dispatch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Seals a letter under the account's {@code dispatch.outbox} key, bound to its message id, so a sealed value
 * cannot be read without the master key nor moved to another row.
 */
@Component
class ContentSeal {

    static final String PURPOSE = "dispatch.outbox";

    private final KeyRing keys;
    private final ObjectMapper json = new ObjectMapper();

    ContentSeal(KeyRing keys) {
        this.keys = keys;
    }

    int currentVersion() {
        return keys.currentVersion();
    }

    byte[] seal(AccountId account, UUID messageId, int version, Letter letter) {
        try {
            return Sealing.seal(keys.derive(PURPOSE, account, version), json.writeValueAsBytes(letter),
                    associatedData(messageId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a letter is always writable as JSON", e);
        }
    }

    /** @throws Sealing.TamperedException when the value was changed, moved or sealed under another key */
    Letter open(AccountId account, UUID messageId, int version, byte[] sealed) {
        byte[] plain = Sealing.open(keys.derive(PURPOSE, account, version), sealed, associatedData(messageId));
        try {
            return json.readValue(plain, Letter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] associatedData(UUID messageId) {
        return messageId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
