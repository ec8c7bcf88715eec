package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.contacts.CardView;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriptionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an erasure reads of a card, and no more: the card's row without its custom fields (the erasure deletes them
 * unread; as an aggregate every read of the card also read its fields), and a card's permission with its
 * subscriptions' statuses in one statement; and what it writes, in one statement too.
 */
@Component
class ErasureCards {

    private static final String CARD = NamedSql.read("contacts", "erasure-card");
    private static final String LOCKED_CARD = NamedSql.read("contacts", "erasure-card-locked");
    private static final String PERMISSION = NamedSql.read("contacts", "card-permission");
    private static final String ERASE = NamedSql.read("contacts", "erase-card");

    private final JdbcClient jdbc;

    ErasureCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The card's row, its {@link Contact#fields()} empty. */
    Optional<Contact> card(UUID id, UUID accountId) {
        return jdbc.sql(CARD).param("id", id).param("accountId", accountId).query(ErasureCards::row).optional();
    }

    /** The card's row, locked until the transaction ends, its {@link Contact#fields()} empty. */
    Optional<Contact> lockedCard(UUID id, UUID accountId) {
        return jdbc.sql(LOCKED_CARD).param("id", id).param("accountId", accountId).query(ErasureCards::row)
                .optional();
    }

    /**
     * Writes the tombstone of a card whose row the caller locked, as {@link Contact#tombstone} left it, with its
     * subscriptions, behaviour events and custom fields, in one statement. Answers 1, or 0 when the card's version
     * is no longer the given one (then the caller must roll back: the rest was written all the same).
     */
    int writeTombstone(Contact tombstone, long version) {
        return jdbc.sql(ERASE)
                .param("id", tombstone.id())
                .param("version", version)
                .param("now", at(tombstone.erasedAt()))
                .param("wrappedKey", tombstone.wrappedKey(), Types.BINARY)
                .param("emailIndex", tombstone.emailIndex(), Types.BINARY)
                .param("emailSealed", tombstone.emailSealed(), Types.BINARY)
                .param("mobileIndex", tombstone.mobileIndex(), Types.BINARY)
                .param("mobileSealed", tombstone.mobileSealed(), Types.BINARY)
                .param("updatedAt", at(tombstone.updatedAt()))
                .param("erasedAt", at(tombstone.erasedAt()))
                .update();
    }

    /** As {@link CardView#permission}; empty when the account has no such card. */
    Optional<Permission> permission(UUID id, UUID accountId) {
        List<StatusRow> rows = jdbc.sql(PERMISSION).param("id", id).param("accountId", accountId)
                .query((rs, row) -> new StatusRow(rs.getBoolean("erased"), rs.getString("status"))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<SubscriptionStatus> statuses = rows.stream().map(StatusRow::status).filter(Objects::nonNull)
                .map(SubscriptionStatus::valueOf).toList();
        return Optional.of(CardView.permission(rows.get(0).erased(), statuses));
    }

    private record StatusRow(boolean erased, String status) {
    }

    /** A card's row, its {@link Contact#fields()} empty (the columns of contacts_contact, by name). */
    static Contact row(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getInt("key_version"), rs.getBytes("wrapped_key"), rs.getInt("index_version"),
                rs.getBytes("email_index"), rs.getBytes("email_sealed"), rs.getBytes("mobile_index"),
                rs.getBytes("mobile_sealed"), Source.valueOf(rs.getString("source")), rs.getInt("mail_rating"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "erased_at"), Map.of(),
                rs.getLong("version"));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
