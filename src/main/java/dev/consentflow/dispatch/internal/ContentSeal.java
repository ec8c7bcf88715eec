package dev.consentflow.dispatch.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;

/**
 * Seals a letter under the account's {@code dispatch.outbox} key, bound to its message id, so a sealed value
 * cannot be read without the master key nor moved to another row.
 *
 * <p>The plaintext is {@link #FORMAT} and the four fields, each as its length in UTF-8 bytes (-1 for null) and
 * those bytes: a mail thread opens every message it sends, and Jackson's parser set-up and record binding were
 * most of the opening's cost (the AES-GCM itself a fraction). Rows sealed before held the letter as JSON, which
 * always begins with {@code '{'}; those are still opened as JSON.
 */
@Component
class ContentSeal {

    static final String PURPOSE = "dispatch.outbox";
    /** The first plaintext byte of a letter in fields; a JSON letter begins with '{' (0x7B). */
    static final byte FORMAT = 1;

    private final KeyRing keys;
    private final ObjectMapper json = new ObjectMapper();
    /**
     * The keys derived so far, by account and version: a derived key never changes (see {@link KeyRing}), and the
     * ring's own look-up builds its name as a string for every message.
     */
    private final ConcurrentHashMap<AccountVersion, SecretKey> derived = new ConcurrentHashMap<>();

    private record AccountVersion(AccountId account, int version) {
    }

    ContentSeal(KeyRing keys) {
        this.keys = keys;
    }

    int currentVersion() {
        return keys.currentVersion();
    }

    byte[] seal(AccountId account, UUID messageId, int version, Letter letter) {
        return Sealing.seal(key(account, version), plaintext(letter), associatedData(messageId));
    }

    /** @throws Sealing.TamperedException when the value was changed, moved or sealed under another key */
    Letter open(AccountId account, UUID messageId, int version, byte[] sealed) {
        byte[] plain = Sealing.open(key(account, version), sealed, associatedData(messageId));
        return letter(plain);
    }

    private SecretKey key(AccountId account, int version) {
        return derived.computeIfAbsent(new AccountVersion(account, version), k -> keys.derive(PURPOSE, account,
                version));
    }

    static byte[] plaintext(Letter letter) {
        byte[][] fields = {utf8(letter.subject()), utf8(letter.text()), utf8(letter.html()),
                utf8(letter.unsubscribeUrl())};
        int size = 1;
        for (byte[] field : fields) {
            size += 4 + (field == null ? 0 : field.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT);
        for (byte[] field : fields) {
            if (field == null) {
                out.putInt(-1);
            } else {
                out.putInt(field.length).put(field);
            }
        }
        return out.array();
    }

    /** The letter in a plaintext of either format; a plaintext that is neither is a broken row. */
    Letter letter(byte[] plain) {
        if (plain.length > 0 && plain[0] == FORMAT) {
            ByteBuffer in = ByteBuffer.wrap(plain, 1, plain.length - 1);
            Letter letter = new Letter(string(in, plain), string(in, plain), string(in, plain), string(in, plain));
            if (in.hasRemaining()) {
                throw new IllegalStateException("a sealed letter has bytes after its fields");
            }
            return letter;
        }
        try {
            return json.readValue(plain, Letter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String string(ByteBuffer in, byte[] plain) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        int at = in.position();
        in.position(at + length); // past the end: IllegalArgumentException, as for any broken row
        return new String(plain, at, length, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] associatedData(UUID messageId) {
        return messageId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
