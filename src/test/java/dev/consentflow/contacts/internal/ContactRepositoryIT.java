package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.contacts.AddressTaken;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.Source;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The contact tables and their repositories on the real (embedded) PostgreSQL. */
@IntegrationTest
class ContactRepositoryIT {

    @Autowired
    Cards cards;

    @Autowired
    ContactRepository contacts;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    BlindIndex index;

    AccountId account;
    EmailAddress email;

    @BeforeEach
    void anAddress() {
        account = accounts.defaultAccount();
        email = EmailAddress.parse("repo-" + UUID.randomUUID() + "@example.dk");
    }

    @Test
    void aCardIsStoredSealedAndReadBackWhole() {
        Contact saved = cards.create(account, email, MobileNumber.parse("+4540123456"),
                Map.of("firstName", "Anna", "city", "Aarhus"), Source.IMPORT);

        Contact read = contacts.findByIdAndAccountId(saved.id(), account.value()).orElseThrow();
        UnlockedCard card = cards.open(read);
        assertThat(card.email()).isEqualTo(email.value());
        assertThat(card.mobile()).isEqualTo("+4540123456");
        assertThat(card.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("firstName", "Anna", "city", "Aarhus"));
        assertThat(read.mailRating()).isEqualTo(3);
        assertThat(read.source()).isEqualTo(Source.IMPORT);
        assertThat(read.version()).isZero();
        assertThat(contacts.findByIdAndAccountId(saved.id(), UUID.randomUUID())).isEmpty();
    }

    @Test
    void aCardFoundByItsAddressIsReadAsTheRepositoryReadsIt() {
        MobileNumber mobile = MobileNumber.parse("+4542" + (100000 + (int) (Math.random() * 899999)));
        Contact saved = cards.create(account, email, mobile, Map.of("firstName", "Anna", "city", "Aarhus"),
                Source.IMPORT);

        Contact stored = contacts.findByIdAndAccountId(saved.id(), account.value()).orElseThrow();
        for (Contact found : List.of(cards.all(account, email, null).get(0), cards.all(account, null, mobile).get(0))) {
            assertThat(found).usingRecursiveComparison().isEqualTo(stored);
            assertThat(cards.open(found).fields())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("firstName", "Anna", "city", "Aarhus"));
        }
        Contact plain = cards.create(account, EmailAddress.parse("plain-" + email.value()), null, Map.of(),
                Source.API);
        assertThat(cards.all(account, EmailAddress.parse("plain-" + email.value()), null)).singleElement()
                .usingRecursiveComparison().isEqualTo(contacts.findById(plain.id()).orElseThrow());
    }

    @Test
    void aChangeSealsOnlyWhatChangedAndCountsTheVersion() {
        Contact saved = cards.create(account, email, null, Map.of("firstName", "Anna"), Source.API);
        Contact changed = cards.save(cards.open(saved).withFields(Map.of("city", "Odense"), Cards.now()).contact());

        assertThat(changed.version()).isEqualTo(1);
        assertThat(changed.fields().get("firstName").valueSealed()).isEqualTo(saved.fields().get("firstName").valueSealed());
        assertThat(cards.open(contacts.findById(saved.id()).orElseThrow()).fields())
                .containsEntry("firstName", "Anna").containsEntry("city", "Odense");
    }

    @Test
    void twoLiveCardsCannotShareAnAddressButATombstoneAndALiveCardCan() {
        Contact first = cards.create(account, email, null, Map.of(), Source.API);
        assertThatThrownBy(() -> cards.create(account, email, null, Map.of(), Source.API))
                .as("the unique index refuses it, answered as a conflict").isInstanceOf(AddressTaken.class);

        jdbc.sql("update contacts_contact set erased_at = now(), wrapped_key = null, email_sealed = null where id = ?")
                .param(first.id()).update();
        Contact second = cards.create(account, email, null, Map.of(), Source.RESUBSCRIBED);

        List<Contact> all = cards.all(account, email, null);
        assertThat(all).extracting(Contact::id).containsExactly(second.id(), first.id());
        assertThat(cards.newest(account, email, null)).map(Contact::id).contains(second.id());
        assertThat(all.get(1).isErased()).isTrue();
    }

    @Test
    void twoLiveCardsCannotShareAMobileNumber() {
        MobileNumber mobile = MobileNumber.parse("+4541" + (100000 + (int) (Math.random() * 899999)));
        Contact first = cards.create(account, email, mobile, Map.of(), Source.API);
        assertThat(cards.mobileTaken(account, mobile, null)).isTrue();
        assertThat(cards.mobileTaken(account, mobile, first.id())).isFalse();
        assertThatThrownBy(() -> cards.create(account, EmailAddress.parse("other-" + email.value()), mobile, Map.of(),
                Source.API)).isInstanceOf(AddressTaken.class);
    }

    @Test
    void theDatabaseRefusesImpossibleStates() {
        Contact card = cards.create(account, email, null, Map.of(), Source.API);
        assertThatThrownBy(() -> jdbc.sql("update contacts_contact set mail_rating = 6 where id = ?").param(card.id())
                .update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("update contacts_contact set wrapped_key = null where id = ?").param(card.id())
                .update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("update contacts_contact set source = 'MAGIC' where id = ?").param(card.id())
                .update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("insert into contacts_list (id, account_id, key, name, created_at) "
                        + "values (?, ?, 'Bad Key', 'x', now())").params(UUID.randomUUID(), account.value()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        UUID list = UUID.randomUUID();
        jdbc.sql("insert into contacts_list (id, account_id, key, name, created_at) values (?, ?, ?, 'x', now())")
                .params(list, account.value(), "l-" + list.toString().substring(0, 8)).update();
        assertThatThrownBy(() -> jdbc.sql("""
                insert into contacts_subscription (id, account_id, contact_id, list_id, channel, status, source,
                                                   subscribed_at, updated_at)
                values (?, ?, ?, ?, 'EMAIL', 'CONFIRMED', 'API', now(), now())""")
                .params(UUID.randomUUID(), account.value(), card.id(), list).update())
                .as("CONFIRMED without confirmation evidence").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                insert into contacts_subscription (id, account_id, contact_id, list_id, channel, status, source,
                                                   subscribed_at, updated_at)
                values (?, ?, ?, ?, 'EMAIL', 'MAYBE', 'API', now(), now())""")
                .params(UUID.randomUUID(), account.value(), card.id(), list).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        // Another account, only for this transaction (rolled back, so no other test sees it).
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            UUID otherAccount = UUID.randomUUID();
            jdbc.sql("insert into accounts_account (id, name) values (?, ?)")
                    .params(otherAccount, "other-" + otherAccount).update();
            assertThatThrownBy(() -> jdbc.sql("""
                    insert into contacts_subscription (id, account_id, contact_id, list_id, channel, status, source,
                                                       subscribed_at, updated_at)
                    values (?, ?, ?, ?, 'EMAIL', 'PENDING', 'API', now(), now())""")
                    .params(UUID.randomUUID(), otherAccount, card.id(), list).update())
                    .as("a subscription to another account's list").isInstanceOf(DataIntegrityViolationException.class);
        });
    }

    @Test
    void theAddressLockIsHeldUntilTheTransactionEnds() throws Exception {
        Contact card = cards.create(account, email, null, Map.of(), Source.API);
        long key = ByteBuffer.wrap(card.emailIndex()).getLong();
        transactions.executeWithoutResult(status -> {
            cards.lockAddress(account, email, null);
            assertThat(tryLockElsewhere(key)).as("another transaction waits for this address").isFalse();
        });
        assertThat(tryLockElsewhere(key)).isTrue();
    }

    @Test
    void aPersonsLocksAreTheOnesASignupOfEachAddressTakesTakenFromTheStoredIndexesWithoutOpeningTheCard() {
        MobileNumber mobile = MobileNumber.parse("+4533" + (100000 + (int) (Math.random() * 899999)));
        Contact card = cards.create(account, email, mobile, Map.of(), Source.API);
        long emailKey = ByteBuffer.wrap(index.email(account, email)).getLong();
        long mobileKey = ByteBuffer.wrap(index.mobile(account, mobile)).getLong();
        // A data key that opens nothing: the locks must come from the indexes alone.
        Contact unopenable = new Contact(card.id(), card.accountId(), card.keyVersion(), new byte[40],
                card.indexVersion(), card.emailIndex(), card.emailSealed(), card.mobileIndex(), card.mobileSealed(),
                card.source(), card.mailRating(), card.createdAt(), card.updatedAt(), null, Map.of(), card.version());
        transactions.executeWithoutResult(status -> {
            cards.lockPerson(unopenable);
            assertThat(tryLockElsewhere(emailKey)).as("a signup of the address waits").isFalse();
            assertThat(tryLockElsewhere(mobileKey)).as("a signup of the number waits").isFalse();
        });
        assertThat(tryLockElsewhere(emailKey)).isTrue();
        assertThat(tryLockElsewhere(mobileKey)).isTrue();

        // Indexed under another version than the current one: opened, and its addresses indexed as a signup does.
        Contact older = new Contact(card.id(), card.accountId(), card.keyVersion(), card.wrappedKey(),
                index.currentVersion() + 1, new byte[32], card.emailSealed(), null, card.mobileSealed(),
                card.source(), card.mailRating(), card.createdAt(), card.updatedAt(), null, Map.of(), card.version());
        transactions.executeWithoutResult(status -> {
            cards.lockPerson(older);
            assertThat(tryLockElsewhere(emailKey)).isFalse();
            assertThat(tryLockElsewhere(mobileKey)).isFalse();
        });
    }

    /** Tries the lock from a connection of its own, outside the test's transaction. */
    private boolean tryLockElsewhere(long key) {
        try (Connection other = dataSource.getConnection();
             PreparedStatement lock = other.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            other.setAutoCommit(false);
            lock.setLong(1, key);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                boolean got = result.getBoolean(1);
                other.rollback();
                return got;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCardWithASubscriptionCannotBeDeletedSoConsentEvidenceIsNeverLostOnTheWay() {
        Contact card = cards.create(account, email, null, Map.of(), Source.API);
        UUID list = UUID.randomUUID();
        jdbc.sql("insert into contacts_list (id, account_id, key, name, created_at) values (?, ?, ?, 'x', now())")
                .params(list, account.value(), "l-" + list.toString().substring(0, 8)).update();
        jdbc.sql("""
                insert into contacts_subscription (id, account_id, contact_id, list_id, channel, status, source,
                                                   subscribed_at, updated_at)
                values (?, ?, ?, ?, 'EMAIL', 'PENDING', 'API', now(), now())""")
                .params(UUID.randomUUID(), account.value(), card.id(), list).update();
        assertThatThrownBy(() -> jdbc.sql("delete from contacts_contact where id = ?").param(card.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void eventsAndFieldsGoWithTheirCard() {
        Contact card = cards.create(account, email, null, Map.of("firstName", "Anna"), Source.API);
        jdbc.sql("insert into contacts_event (id, account_id, contact_id, type, at) values (?, ?, ?, 'OPEN', ?)")
                .params(UUID.randomUUID(), account.value(), card.id(), java.sql.Timestamp.from(Instant.now())).update();
        contacts.delete(contacts.findById(card.id()).orElseThrow());
        assertThat(jdbc.sql("select count(*) from contacts_field where contact_id = ?").param(card.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from contacts_event where contact_id = ?").param(card.id())
                .query(Long.class).single()).isZero();
    }
}
