package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.AddressTaken;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.internal.Contact.SealedField;
import dev.consentflow.keys.KeyRetired;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds cards by address, creates them sealed, and opens them for reading and changing. The address's lock and the
 * cards of an address are read with statements and row mappers of their own, not through the repository: Spring
 * Data's query execution and mapping cost a form post more CPU than the two statements themselves (SQL and locking
 * as the repository's queries were).
 */
@Component
class Cards {

    private static final UUID NO_CARD = new UUID(0, 0);
    private static final Supplier<AddressTaken> ANOTHER_HAS_IT =
            () -> new AddressTaken("Another contact of this account has this address or mobile number");

    /**
     * Serialises work on one address until the transaction ends, so two signups of one person at once find or
     * create one card and one subscription. The key comes from the address's blind index.
     */
    private static final String LOCK_ADDRESS = "select true from pg_advisory_xact_lock(:key)";
    private static final String BY_ADDRESS = NamedSql.read("contacts", "cards-by-address");
    private static final String BY_EMAIL_INDEX = BY_ADDRESS.replace("ADDRESS_INDEX", "email_index");
    private static final String BY_MOBILE_INDEX = BY_ADDRESS.replace("ADDRESS_INDEX", "mobile_index");
    private static final String FIELDS = NamedSql.read("contacts", "card-fields");
    /**
     * The address's lock, then its cards, sent together: one round trip where a signup made two. Two statements,
     * not one: the cards are read with a snapshot taken after the lock is held (READ COMMITTED takes one per
     * statement), so a card that a signup holding the lock made is seen once it committed.
     */
    private static final String LOCK_THEN_BY_EMAIL_INDEX = LOCK_ADDRESS + ";\n" + BY_EMAIL_INDEX;
    private static final String LOCK_THEN_BY_MOBILE_INDEX = LOCK_ADDRESS + ";\n" + BY_MOBILE_INDEX;

    private final ContactRepository contacts;
    private final CardKeys keys;
    private final BlindIndex index;
    private final NewRows rows;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations named;

    Cards(ContactRepository contacts, CardKeys keys, BlindIndex index, NewRows rows, JdbcClient jdbc,
          NamedParameterJdbcOperations named) {
        this.named = named;
        this.contacts = contacts;
        this.keys = keys;
        this.index = index;
        this.rows = rows;
        this.jdbc = jdbc;
    }

    /**
     * Holds the address's lock until the transaction ends: two requests for one person line up here, so they
     * find or create one card and one subscription between them.
     */
    void lockAddress(AccountId account, EmailAddress email, MobileNumber mobile) {
        byte[] key = email != null ? index.email(account, email) : index.mobile(account, mobile);
        lock(key);
    }

    private void lock(byte[] blindIndex) {
        jdbc.sql(LOCK_ADDRESS).param("key", ByteBuffer.wrap(blindIndex).getLong())
                .query((row, number) -> row.getBoolean(1)).single();
    }

    /**
     * Takes the locks a signup of this card's addresses takes (computed from the addresses as a signup computes
     * them): work on a known person lines up with signups of the same person. A tombstone has none to take.
     * A card indexed under the current version holds those very indexes (a signup locks the index of the current
     * version, and nothing writes an index under an older one), so its stored indexes are locked without opening
     * the card; a card of an older version is opened and its addresses indexed again.
     */
    void lockPerson(Contact contact) {
        if (contact.isErased()) {
            return;
        }
        if (contact.indexVersion() == index.currentVersion()) {
            if (contact.emailIndex() != null) {
                lock(contact.emailIndex());
            }
            if (contact.mobileIndex() != null) {
                lock(contact.mobileIndex());
            }
            return;
        }
        UnlockedCard card = open(contact);
        AccountId account = new AccountId(contact.accountId());
        if (card.email() != null) {
            lockAddress(account, EmailAddress.parse(card.email()), null);
        }
        if (card.mobile() != null) {
            lockAddress(account, null, MobileNumber.parse(card.mobile()));
        }
    }

    /**
     * Every card of an address (by email when given, else by mobile) through the blind index, the newest
     * first: the live card, then tombstones. Each card found comes with its fields, read as the aggregate read
     * them (one statement per card; a new address finds none).
     */
    List<Contact> all(AccountId account, EmailAddress email, MobileNumber mobile) {
        List<Contact> found = jdbc.sql(email != null ? BY_EMAIL_INDEX : BY_MOBILE_INDEX)
                .param("accountId", account.value())
                .param("indexes", email != null ? index.emailCandidates(account, email)
                        : index.mobileCandidates(account, mobile))
                .query(ErasureCards::row).list();
        return found.isEmpty() ? found : found.stream().map(this::withFields).toList();
    }

    /**
     * {@link #lockAddress} and then {@link #all}, in one round trip: the lock is held until the transaction ends
     * and the cards are read after it was taken. The lock's key is the address's index under the current key
     * version, the first of the candidates the cards are looked up by.
     */
    List<Contact> lockAndFindAll(AccountId account, EmailAddress email, MobileNumber mobile) {
        List<byte[]> indexes = email != null ? index.emailCandidates(account, email)
                : index.mobileCandidates(account, mobile);
        MapSqlParameterSource values = new MapSqlParameterSource()
                .addValue("key", ByteBuffer.wrap(indexes.get(0)).getLong())
                .addValue("accountId", account.value())
                .addValue("indexes", indexes);
        List<Contact> found = named.execute(email != null ? LOCK_THEN_BY_EMAIL_INDEX : LOCK_THEN_BY_MOBILE_INDEX,
                values, (PreparedStatement statement) -> {
                    statement.execute();
                    if (!statement.getMoreResults()) {
                        throw new IllegalStateException("no cards read after the address's lock");
                    }
                    List<Contact> rows = new ArrayList<>();
                    try (ResultSet cards = statement.getResultSet()) {
                        while (cards.next()) {
                            rows.add(ErasureCards.row(cards, rows.size()));
                        }
                    }
                    return rows;
                });
        return found.isEmpty() ? found : found.stream().map(this::withFields).toList();
    }

    private Contact withFields(Contact row) {
        Map<String, SealedField> fields = new HashMap<>();
        jdbc.sql(FIELDS).param("contactId", row.id()).query((ResultSet field) -> {
            fields.put(field.getString("name"), new SealedField(field.getBytes("value_sealed")));
        });
        return new Contact(row.id(), row.accountId(), row.keyVersion(), row.wrappedKey(), row.indexVersion(),
                row.emailIndex(), row.emailSealed(), row.mobileIndex(), row.mobileSealed(), row.source(),
                row.mailRating(), row.createdAt(), row.updatedAt(), row.erasedAt(), fields, row.version());
    }

    /** The card of an address: the newest one, live or a tombstone. */
    Optional<Contact> newest(AccountId account, EmailAddress email, MobileNumber mobile) {
        return all(account, email, mobile).stream().findFirst();
    }

    /**
     * Whether another live card of the account has this mobile number (it is unique among live cards).
     *
     * @param exceptId the card that may have it, or null for a card still to be created
     */
    boolean mobileTaken(AccountId account, MobileNumber mobile, UUID exceptId) {
        return extra(account, mobile, exceptId) == ExtraAddress.TAKEN;
    }

    /**
     * Whether an address given as extra data (the mobile number of a mail signup or import row, a number set on a
     * card) may go onto the card: {@link ExtraAddress#FREE}, {@link ExtraAddress#TAKEN} by another live card, or
     * {@link ExtraAddress#ERASED} (only a tombstone has it: it comes back only with a confirmed opt-in of its own).
     *
     * @param exceptId the card that may have it, or null for a card still to be created
     */
    ExtraAddress extra(AccountId account, MobileNumber mobile, UUID exceptId) {
        return ExtraAddress.of(contacts.mobileHolder(account.value(), index.mobileCandidates(account, mobile),
                exceptId == null ? NO_CARD : exceptId));
    }

    /** As {@link #extra(AccountId, MobileNumber, UUID)} for the email address of an SMS signup or card. */
    ExtraAddress extra(AccountId account, EmailAddress email, UUID exceptId) {
        return ExtraAddress.of(contacts.emailHolder(account.value(), index.emailCandidates(account, email),
                exceptId == null ? NO_CARD : exceptId));
    }

    /**
     * Creates a card with a fresh data key; every given value is sealed before it reaches the database. An address
     * that another live card of the account has answers {@code 409}.
     */
    Contact create(AccountId account, EmailAddress email, MobileNumber mobile, Map<String, String> fields,
                   Source source) {
        Contact card = sealNew(account, email, mobile, fields, source);
        return Duplicates.asConflict(ANOTHER_HAS_IT, () -> rows.insert(card));
    }

    /**
     * {@link #create} together with a subscription of the new card (made from the card's id), written in the same
     * statement.
     */
    NewRows.Inserted create(AccountId account, EmailAddress email, MobileNumber mobile, Map<String, String> fields,
                            Source source, Function<UUID, Subscription> subscriptionOf) {
        Contact card = sealNew(account, email, mobile, fields, source);
        Subscription subscription = subscriptionOf.apply(card.id());
        return Duplicates.asConflict(ANOTHER_HAS_IT, () -> rows.insert(card, subscription));
    }

    /** A new card with a fresh data key and every given value sealed, not saved yet (imports write in batches). */
    Contact sealNew(AccountId account, EmailAddress email, MobileNumber mobile, Map<String, String> fields,
                    Source source) {
        return sealNew(account, email, email == null ? null : index.email(account, email), mobile,
                mobile == null ? null : index.mobile(account, mobile), fields, source);
    }

    /**
     * As {@link #sealNew(AccountId, EmailAddress, MobileNumber, Map, Source)}, with the addresses' blind indexes under
     * the current version computed already (an import's row check has them): not computed a second time.
     */
    Contact sealNew(AccountId account, EmailAddress email, byte[] emailIndex, MobileNumber mobile, byte[] mobileIndex,
                    Map<String, String> fields, Source source) {
        UUID id = TimeOrderedId.next();
        CardKeys.NewKey key = keys.create(account, id);
        CardCipher cipher = new CardCipher(id, key.dataKey());
        Map<String, SealedField> sealed = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                sealed.put(name, new SealedField(cipher.seal(CardCipher.fieldPlace(name), value)));
            }
        });
        Instant now = now();
        Contact contact = new Contact(id, account.value(), key.version(), key.wrapped(), index.currentVersion(),
                email == null ? null : emailIndex,
                email == null ? null : cipher.seal(CardCipher.emailPlace(), email.value()),
                mobile == null ? null : mobileIndex,
                mobile == null ? null : cipher.seal(CardCipher.mobilePlace(), mobile.value()),
                source, Contact.AVERAGE_RATING, now, now, null, sealed, null);
        return contact;
    }

    /**
     * The card's data key unwrapped, to read and change its values; a tombstone has none to open. A card read
     * before a key rotation re-wrapped it and retired the version it names is opened as its row reads now, under
     * the new version: nothing is ever unwrapped under a retired version.
     */
    UnlockedCard open(Contact contact) {
        if (contact.wrappedKey() == null) {
            throw new IllegalStateException("an erased card has no data key");
        }
        try {
            return unlock(contact);
        } catch (KeyRetired retired) {
            Contact current = contacts.findById(contact.id())
                    .filter(row -> row.wrappedKey() != null && row.keyVersion() != contact.keyVersion())
                    .orElseThrow(() -> retired);
            return unlock(current);
        }
    }

    /**
     * The card to change: its row read again and locked until the transaction ends, and opened under the key
     * version it names now. A re-wrap that committed since the card was read is seen (the change writes the new
     * wrapped key back, not the old one, and no optimistic-lock conflict answers 500), and none can rewrite the
     * card until the change commits: the re-wrap skips locked cards and takes them in a later batch.
     */
    UnlockedCard openForChange(Contact contact) {
        Contact locked = contacts.findLockedByIdAndAccountId(contact.id(), contact.accountId())
                .orElseThrow(() -> new IllegalStateException("the card " + contact.id() + " is gone"));
        return open(locked);
    }

    private UnlockedCard unlock(Contact contact) {
        AccountId account = new AccountId(contact.accountId());
        var dataKey = keys.unwrap(account, contact.id(), contact.keyVersion(), contact.wrappedKey());
        return new UnlockedCard(contact, new CardCipher(contact.id(), dataKey), index);
    }

    /** Saves a card; an address that another live card of the account has answers {@code 409}. */
    Contact save(Contact contact) {
        return Duplicates.asConflict(ANOTHER_HAS_IT, () -> contacts.save(contact));
    }

    /** Times are stored with PostgreSQL's microsecond precision, so what is read back equals what was written. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
