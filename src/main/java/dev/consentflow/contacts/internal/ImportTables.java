package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.SubscriptionStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The statements of an import chunk: one lookup per kind for the whole chunk, and JDBC batches for what is new.
 * The queries live in {@code sql/contacts/import-*.sql}.
 */
@Component
class ImportTables {

    private static final String LOCK = SqlFile.load("import-lock-addresses");
    private static final String CARDS_BY_EMAIL = SqlFile.load("import-cards-by-email");
    private static final String CARDS_BY_MOBILE = SqlFile.load("import-cards-by-mobile");
    private static final String LIST_SUBSCRIPTIONS = SqlFile.load("import-list-subscriptions");
    private static final String INSERT_CONTACT = SqlFile.load("import-insert-contact");
    private static final String INSERT_FIELD = SqlFile.load("import-insert-field");
    private static final String INSERT_SUBSCRIPTION = SqlFile.load("import-insert-subscription");

    private final NamedParameterJdbcTemplate jdbc;

    ImportTables(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A card found by one of its blind indexes. */
    record FoundCard(UUID id, ByteBuffer index, boolean erased) {
    }

    /** Takes the address locks, in the order given (callers sort them, so two chunks never wait for each other in a circle). */
    void lock(List<Long> keys) {
        if (!keys.isEmpty()) {
            jdbc.queryForObject(LOCK, Map.of("keys", keys), Long.class);
        }
    }

    /** The cards of these email (or mobile) indexes, the newest first. */
    List<FoundCard> cards(UUID accountId, boolean byEmail, Collection<byte[]> indexes) {
        if (indexes.isEmpty()) {
            return List.of();
        }
        return jdbc.query(byEmail ? CARDS_BY_EMAIL : CARDS_BY_MOBILE,
                new MapSqlParameterSource("accountId", accountId).addValue("indexes", indexes),
                (rs, n) -> new FoundCard(rs.getObject("id", UUID.class), ByteBuffer.wrap(rs.getBytes("address_index")),
                        rs.getTimestamp("erased_at") != null));
    }

    /** The status of each of these cards' subscription to the list, for the cards that have one. */
    Map<UUID, SubscriptionStatus> subscriptions(UUID listId, Collection<UUID> contactIds) {
        Map<UUID, SubscriptionStatus> statuses = new HashMap<>();
        if (!contactIds.isEmpty()) {
            jdbc.query(LIST_SUBSCRIPTIONS, new MapSqlParameterSource("listId", listId).addValue("contactIds", contactIds),
                    rs -> {
                        statuses.put(rs.getObject("contact_id", UUID.class),
                                SubscriptionStatus.valueOf(rs.getString("status")));
                    });
        }
        return statuses;
    }

    /** Inserts new cards (already sealed) with their fields. */
    void insertCards(List<Contact> cards) {
        if (cards.isEmpty()) {
            return;
        }
        List<SqlParameterSource> rows = new ArrayList<>(cards.size());
        List<SqlParameterSource> fields = new ArrayList<>();
        for (Contact c : cards) {
            rows.add(new MapSqlParameterSource("id", c.id())
                    .addValue("accountId", c.accountId())
                    .addValue("keyVersion", c.keyVersion())
                    .addValue("wrappedKey", c.wrappedKey())
                    .addValue("indexVersion", c.indexVersion())
                    .addValue("emailIndex", c.emailIndex())
                    .addValue("emailSealed", c.emailSealed())
                    .addValue("mobileIndex", c.mobileIndex())
                    .addValue("mobileSealed", c.mobileSealed())
                    .addValue("source", c.source().name())
                    .addValue("mailRating", c.mailRating())
                    .addValue("createdAt", time(c.createdAt()))
                    .addValue("updatedAt", time(c.updatedAt())));
            c.fields().forEach((name, value) -> fields.add(new MapSqlParameterSource("contactId", c.id())
                    .addValue("name", name).addValue("valueSealed", value.valueSealed())));
        }
        jdbc.batchUpdate(INSERT_CONTACT, rows.toArray(SqlParameterSource[]::new));
        if (!fields.isEmpty()) {
            jdbc.batchUpdate(INSERT_FIELD, fields.toArray(SqlParameterSource[]::new));
        }
    }

    /** Inserts new subscriptions (an import's, without IP or user agent). */
    void insertSubscriptions(List<Subscription> subscriptions) {
        if (subscriptions.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT_SUBSCRIPTION, subscriptions.stream().map(s -> new MapSqlParameterSource("id", s.id())
                .addValue("accountId", s.accountId())
                .addValue("contactId", s.contactId())
                .addValue("listId", s.listId())
                .addValue("channel", s.channel().name())
                .addValue("status", s.status().name())
                .addValue("source", s.source().name())
                .addValue("subscribedAt", time(s.subscribedAt()))
                .addValue("integration", s.integration())
                .addValue("confirmedAt", time(s.confirmedAt()))
                .addValue("updatedAt", time(s.updatedAt()))).toArray(SqlParameterSource[]::new));
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
