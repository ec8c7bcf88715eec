package dev.consentflow.contacts.internal;

import dev.consentflow.CopyRows;
import dev.consentflow.NamedSql;
import dev.consentflow.contacts.SubscriptionStatus;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The statements of an import chunk: one lookup per kind for the whole chunk, and COPY for what is new. The
 * queries live in {@code sql/contacts/import-*.sql}; a chunk's addresses, cards and lock keys go to them as one
 * array each. Expanded into a parameter for every value (a chunk's 1,000 blind indexes were 2,000 parameters, the
 * query names them twice), each lookup was a statement of its own to parse, bind and plan for every chunk.
 */
@Component
class ImportTables {

    private static final String LOCK = NamedSql.read("contacts", "import-lock-addresses");
    private static final String CARDS_BY_EMAIL = NamedSql.read("contacts", "import-cards-by-email");
    private static final String CARDS_BY_MOBILE = NamedSql.read("contacts", "import-cards-by-mobile");
    private static final String LIST_SUBSCRIPTIONS = NamedSql.read("contacts", "import-list-subscriptions");
    private static final String COPY_CONTACTS = NamedSql.read("contacts", "import-copy-contacts");
    private static final String COPY_FIELDS = NamedSql.read("contacts", "import-copy-fields");
    private static final String COPY_SUBSCRIPTIONS = NamedSql.read("contacts", "import-copy-subscriptions");

    private final NamedParameterJdbcTemplate jdbc;
    private final javax.sql.DataSource dataSource;

    ImportTables(NamedParameterJdbcTemplate jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** A card found by one of its blind indexes. */
    record FoundCard(UUID id, ByteBuffer index, boolean erased) {
    }

    /** Takes the address locks, in the order given (callers sort them, so two chunks never wait for each other in a circle). */
    void lock(List<Long> keys) {
        if (!keys.isEmpty()) {
            jdbc.queryForObject(LOCK, Map.of("keys", keys.toArray(new Long[0])), Long.class);
        }
    }

    /** The cards of these email (or mobile) indexes, the newest first. */
    List<FoundCard> cards(UUID accountId, boolean byEmail, Collection<byte[]> indexes) {
        if (indexes.isEmpty()) {
            return List.of();
        }
        return jdbc.query(byEmail ? CARDS_BY_EMAIL : CARDS_BY_MOBILE,
                new MapSqlParameterSource("accountId", accountId).addValue("indexes", indexes.toArray(new byte[0][])),
                (rs, n) -> new FoundCard(rs.getObject("id", UUID.class), ByteBuffer.wrap(rs.getBytes("address_index")),
                        rs.getTimestamp("erased_at") != null));
    }

    /** The status of each of these cards' subscription to the list, for the cards that have one. */
    Map<UUID, SubscriptionStatus> subscriptions(UUID listId, Collection<UUID> contactIds) {
        Map<UUID, SubscriptionStatus> statuses = new HashMap<>();
        if (!contactIds.isEmpty()) {
            jdbc.query(LIST_SUBSCRIPTIONS, new MapSqlParameterSource("listId", listId).addValue("contactIds", contactIds.toArray(new UUID[0])),
                    rs -> {
                        statuses.put(rs.getObject("contact_id", UUID.class),
                                SubscriptionStatus.valueOf(rs.getString("status")));
                    });
        }
        return statuses;
    }

    /** Inserts new cards (already sealed) with their fields, with COPY in the caller's transaction. */
    void insertCards(List<Contact> cards) {
        CopyRows rows = new CopyRows();
        CopyRows fields = new CopyRows();
        for (Contact c : cards) {
            rows.row(c.id(), c.accountId(), c.keyVersion(), c.wrappedKey(), c.indexVersion(), c.emailIndex(),
                    c.emailSealed(), c.mobileIndex(), c.mobileSealed(), c.source(), c.mailRating(), c.createdAt(),
                    c.updatedAt(), 0);
            c.fields().forEach((name, value) -> fields.row(c.id(), name, value.valueSealed()));
        }
        rows.copy(dataSource, COPY_CONTACTS);
        fields.copy(dataSource, COPY_FIELDS);
    }

    /** Inserts new subscriptions (an import's, without IP or user agent), with COPY in the caller's transaction. */
    void insertSubscriptions(List<Subscription> subscriptions) {
        CopyRows rows = new CopyRows();
        for (Subscription s : subscriptions) {
            rows.row(s.id(), s.accountId(), s.contactId(), s.listId(), s.channel(), s.status(), s.source(),
                    s.subscribedAt(), s.integration(), s.confirmedAt(), s.updatedAt(), 0);
        }
        rows.copy(dataSource, COPY_SUBSCRIPTIONS);
    }

}
