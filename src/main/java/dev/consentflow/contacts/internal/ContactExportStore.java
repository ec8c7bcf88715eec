package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.contacts.CardView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactExports;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.PersonCard;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionEvidence;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Source;
import dev.consentflow.dispatch.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ContactExports}: reads cards for exports through a PostgreSQL cursor (a fetch size inside a
 * transaction), opening each row under its card's data key as it arrives, so memory stays flat however many
 * contacts an account has.
 */
@Component
class ContactExportStore implements ContactExports {

    /** Rows fetched per round trip: the only rows held in memory at once. */
    static final int FETCH_SIZE = 500;

    private static final String PERSON_SUBSCRIPTIONS = NamedSql.read("contacts", "export-person-subscriptions");
    private static final String PERSON_EVENTS = NamedSql.read("contacts", "export-person-events");
    private static final String LIST_ROWS = NamedSql.read("contacts", "export-list");
    private static final String ACCOUNT_ROWS = NamedSql.read("contacts", "export-account");
    private static final String FIELD_NAMES = NamedSql.read("contacts", "export-field-names");
    private static final ObjectMapper json = new ObjectMapper();

    private final NamedParameterJdbcTemplate cursor;
    private final ContactRepository contacts;
    private final Cards cards;
    private final CardKeys keys;

    ContactExportStore(DataSource dataSource, ContactRepository contacts, Cards cards, CardKeys keys) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        this.cursor = new NamedParameterJdbcTemplate(jdbc);
        this.contacts = contacts;
        this.cards = cards;
        this.keys = keys;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(AccountId account, SubscriberId subscriber) {
        return contacts.findByIdAndAccountId(subscriber.value(), account.value()).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean readPerson(AccountId account, SubscriberId subscriber, PersonReader reader) {
        Optional<Contact> found = contacts.findByIdAndAccountId(subscriber.value(), account.value());
        if (found.isEmpty()) {
            return false;
        }
        Contact contact = found.get();
        Map<String, Object> params = Map.of("contactId", contact.id(), "accountId", account.value());
        List<SubscriptionEvidence> subscriptions = cursor.query(PERSON_SUBSCRIPTIONS, params,
                (rs, row) -> evidence(rs));
        Permission permission = CardView.permission(contact.isErased(),
                subscriptions.stream().map(SubscriptionEvidence::status).toList());
        if (contact.isErased() || contact.wrappedKey() == null) {
            reader.card(new PersonCard(subscriber, null, null, permission, contact.source(), contact.mailRating(),
                    contact.createdAt(), contact.updatedAt(), contact.erasedAt(), Map.of()));
            subscriptions.forEach(s -> reader.subscription(s.kept()));
            return true;
        }
        UnlockedCard card = cards.open(contact);
        reader.card(new PersonCard(subscriber, card.email(), card.mobile(), permission, contact.source(),
                contact.mailRating(), contact.createdAt(), contact.updatedAt(), null, card.fields()));
        subscriptions.forEach(reader::subscription);
        cursor.query(PERSON_EVENTS, params, (ResultSet rs) -> {
            UUID id = rs.getObject("id", UUID.class);
            reader.event(new BehaviourEvent(EventType.valueOf(rs.getString("type")),
                    instant(rs.getTimestamp("at")), rs.getString("campaign"),
                    CardEvents.openDetails(card.cipher(), id, rs.getBytes("details_sealed"))));
        });
        return true;
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> fieldNames(AccountId account, ListInfo list) {
        Map<String, Object> params = new HashMap<>();
        params.put("accountId", account.value());
        params.put("listId", list == null ? null : list.id());
        return cursor.queryForList(FIELD_NAMES, params, String.class);
    }

    @Override
    @Transactional(readOnly = true)
    public long streamContacts(AccountId account, ListInfo list, Consumer<ContactRow> each) {
        Map<String, Object> params = new HashMap<>();
        params.put("accountId", account.value());
        RowOpener opener = new RowOpener(account);
        long[] rows = {0};
        if (list != null) {
            params.put("listId", list.id());
        }
        cursor.query(list == null ? ACCOUNT_ROWS : LIST_ROWS, params, (ResultSet rs) -> {
            each.accept(opener.open(rs));
            rows[0]++;
        });
        return rows[0];
    }

    /** Opens rows one by one; keeps the cipher of the card at hand while its rows follow one another. */
    private final class RowOpener {

        private final AccountId account;
        private UUID cardId;
        private CardCipher cipher;

        RowOpener(AccountId account) {
            this.account = account;
        }

        ContactRow open(ResultSet rs) throws SQLException {
            UUID id = rs.getObject("id", UUID.class);
            if (!id.equals(cardId)) {
                cardId = id;
                cipher = new CardCipher(id, keys.unwrap(account, id, rs.getInt("key_version"),
                        rs.getBytes("wrapped_key")));
            }
            PersonCard card = new PersonCard(new SubscriberId(id),
                    cipher.open(CardCipher.emailPlace(), rs.getBytes("email_sealed")),
                    cipher.open(CardCipher.mobilePlace(), rs.getBytes("mobile_sealed")),
                    Permission.valueOf(rs.getString("permission")), Source.valueOf(rs.getString("card_source")),
                    rs.getInt("mail_rating"), instant(rs.getTimestamp("created_at")),
                    instant(rs.getTimestamp("updated_at")), null, fields(cipher, rs.getString("fields")));
            SubscriptionEvidence subscription = rs.getString("list") == null ? null : evidence(rs);
            return new ContactRow(card, subscription);
        }
    }

    private static Map<String, String> fields(CardCipher cipher, String sealedJson) {
        if (sealedJson == null) {
            return Map.of();
        }
        Map<String, String> sealed;
        try {
            sealed = json.readValue(sealedJson, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed fields are not JSON", e);
        }
        Map<String, String> open = new TreeMap<>();
        sealed.forEach((name, value) ->
                open.put(name, cipher.open(CardCipher.fieldPlace(name), Base64.getDecoder().decode(value))));
        return open;
    }

    private static SubscriptionEvidence evidence(ResultSet rs) throws SQLException {
        return new SubscriptionEvidence(rs.getString("list"), Channel.valueOf(rs.getString("channel")),
                SubscriptionStatus.valueOf(rs.getString("status")), Source.valueOf(rs.getString("source")),
                instant(rs.getTimestamp("subscribed_at")), rs.getString("subscribe_ip"),
                rs.getString("subscribe_user_agent"), rs.getString("form_key"),
                rs.getObject("form_version", Integer.class), rs.getString("integration"), rs.getString("consent_text"),
                instant(rs.getTimestamp("confirmed_at")), rs.getString("confirm_ip"),
                rs.getString("confirm_user_agent"), instant(rs.getTimestamp("unsubscribed_at")),
                instant(rs.getTimestamp("bounced_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
