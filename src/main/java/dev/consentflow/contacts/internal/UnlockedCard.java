package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.internal.Contact.SealedField;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A card with its data key at hand: reads its values and seals changed ones. Lives for one transaction. */
final class UnlockedCard {

    private final Contact contact;
    private final CardCipher cipher;
    private final BlindIndex index;

    UnlockedCard(Contact contact, CardCipher cipher, BlindIndex index) {
        this.contact = contact;
        this.cipher = cipher;
        this.index = index;
    }

    Contact contact() {
        return contact;
    }

    CardCipher cipher() {
        return cipher;
    }

    String email() {
        return cipher.open(CardCipher.emailPlace(), contact.emailSealed());
    }

    String mobile() {
        return cipher.open(CardCipher.mobilePlace(), contact.mobileSealed());
    }

    /** The custom fields, decrypted, by name. */
    Map<String, String> fields() {
        Map<String, String> open = new TreeMap<>();
        contact.fields().forEach((name, field) ->
                open.put(name, cipher.open(CardCipher.fieldPlace(name), field.valueSealed())));
        return open;
    }

    /** The card with these fields set (a null or empty value removes the field), the others unchanged. */
    UnlockedCard withFields(Map<String, String> changes, Instant now) {
        Map<String, SealedField> fields = new LinkedHashMap<>(contact.fields());
        changes.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                fields.remove(name);
            } else {
                fields.put(name, new SealedField(cipher.seal(CardCipher.fieldPlace(name), value)));
            }
        });
        return new UnlockedCard(contact.withFields(fields, now), cipher, index);
    }

    /** The card with an email address (a card found by its mobile number that had none). */
    UnlockedCard withEmail(EmailAddress email, Instant now) {
        AccountId account = new AccountId(contact.accountId());
        return new UnlockedCard(contact.withEmail(index.email(account, email),
                cipher.seal(CardCipher.emailPlace(), email.value()), now), cipher, index);
    }

    /** The card with another mobile number, or with none. */
    UnlockedCard withMobile(MobileNumber mobile, Instant now) {
        if (mobile == null) {
            return new UnlockedCard(contact.withMobile(null, null, now), cipher, index);
        }
        AccountId account = new AccountId(contact.accountId());
        return new UnlockedCard(contact.withMobile(index.mobile(account, mobile),
                cipher.seal(CardCipher.mobilePlace(), mobile.value()), now), cipher, index);
    }
}
