package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.Source;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A contact card as stored: every personal value sealed (see {@link CardCipher}), found through blind indexes.
 * A tombstone is a card with {@code erasedAt} set.
 */
@Table("contacts_contact")
record Contact(@Id UUID id, UUID accountId, int keyVersion, byte[] wrappedKey, int indexVersion,
               byte[] emailIndex, byte[] emailSealed, byte[] mobileIndex, byte[] mobileSealed,
               Source source, int mailRating, Instant createdAt, Instant updatedAt, Instant erasedAt,
               @MappedCollection(idColumn = "contact_id", keyColumn = "name") Map<String, SealedField> fields,
               @Version Long version) {

    /** A new person starts at the average MailRating, 3 of 5. */
    static final int AVERAGE_RATING = 3;

    /** The new card as its insert stored it: version 0, the version the aggregate's insert starts at. */
    Contact inserted() {
        return new Contact(id, accountId, keyVersion, wrappedKey, indexVersion, emailIndex, emailSealed, mobileIndex,
                mobileSealed, source, mailRating, createdAt, updatedAt, erasedAt, fields, 0L);
    }

    boolean isErased() {
        return erasedAt != null;
    }

    Contact withMobile(byte[] index, byte[] sealed, Instant now) {
        return new Contact(id, accountId, keyVersion, wrappedKey, indexVersion, emailIndex, emailSealed, index,
                sealed, source, mailRating, createdAt, now, erasedAt, fields, version);
    }

    Contact withEmail(byte[] index, byte[] sealed, Instant now) {
        return new Contact(id, accountId, keyVersion, wrappedKey, indexVersion, index, sealed, mobileIndex,
                mobileSealed, source, mailRating, createdAt, now, erasedAt, fields, version);
    }

    Contact withFields(Map<String, SealedField> newFields, Instant now) {
        return new Contact(id, accountId, keyVersion, wrappedKey, indexVersion, emailIndex, emailSealed,
                mobileIndex, mobileSealed, source, mailRating, createdAt, now, erasedAt, Map.copyOf(newFields),
                version);
    }

    /**
     * What an erasure leaves: no data key, no sealed value, no field; the blind index of every address the card
     * had (email and mobile number), so each of them stays findable and blocked; the dates, the source and rating.
     */
    Contact tombstone(Instant now) {
        return new Contact(id, accountId, keyVersion, null, indexVersion, emailIndex, null, mobileIndex, null,
                source, mailRating, createdAt, now, now, Map.of(), version);
    }

    /** One custom field value, sealed for its card and name. */
    @Table("contacts_field")
    record SealedField(byte[] valueSealed) {
    }
}
