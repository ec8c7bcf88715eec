package dev.consentflow.contacts.internal;

import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Seals one value of a card under the card's data key. The associated data names the card and the place
 * ({@code email}, {@code mobile}, {@code field:firstName}, {@code event:<id>}), so a ciphertext copied to another
 * card, column or field does not open, and a changed byte is detected.
 */
final class CardCipher {

    private final UUID contactId;
    private final SecretKey dataKey;

    CardCipher(UUID contactId, SecretKey dataKey) {
        this.contactId = contactId;
        this.dataKey = dataKey;
    }

    static String emailPlace() {
        return "email";
    }

    static String mobilePlace() {
        return "mobile";
    }

    static String fieldPlace(String name) {
        return "field:" + name;
    }

    static String eventPlace(UUID eventId) {
        return "event:" + eventId;
    }

    byte[] seal(String place, String value) {
        return value == null ? null
                : Sealing.seal(dataKey, value.getBytes(StandardCharsets.UTF_8), associatedData(place));
    }

    /** @throws Sealing.TamperedException when the value was changed, moved, or sealed under another key */
    String open(String place, byte[] sealed) {
        return sealed == null ? null
                : new String(Sealing.open(dataKey, sealed, associatedData(place)), StandardCharsets.UTF_8);
    }

    private byte[] associatedData(String place) {
        return ("contact:" + contactId + "/" + place).getBytes(StandardCharsets.UTF_8);
    }
}
