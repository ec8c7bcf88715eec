package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.contacts.internal.Contact.SealedField;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A new card (with its fields) and a new subscription, written with statements of their own instead of the
 * aggregates' inserts: a profile of the form post found Spring Data JDBC turning these aggregates into SQL at 43 %
 * of its samples. The card and its fields go in one statement. Changes of existing rows still go through the
 * repositories (their optimistic lock); what is written here starts at version 0, as the repositories' inserts
 * did. A new person's signup writes the card and its subscription in one statement.
 */
@Component
class NewRows {

    private static final String INSERT_CARD = NamedSql.read("contacts", "insert-card");
    private static final String INSERT_SUBSCRIPTION = NamedSql.read("contacts", "insert-subscription");
    private static final String INSERT_CARD_AND_SUBSCRIPTION =
            NamedSql.read("contacts", "insert-card-and-subscription");

    private final JdbcClient jdbc;

    NewRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new card and its sealed fields; answers the card as stored (version 0). */
    Contact insert(Contact card) {
        card(jdbc.sql(INSERT_CARD), card).update();
        return card.inserted();
    }

    /** Inserts a new subscription; answers it as stored (version 0). */
    Subscription insert(Subscription s) {
        subscription(jdbc.sql(INSERT_SUBSCRIPTION), s, "id", "accountId", "source", "updatedAt").update();
        return s.inserted();
    }

    /** A new card, its sealed fields and a subscription of it, in one statement; answers both as stored. */
    Inserted insert(Contact card, Subscription s) {
        if (!s.contactId().equals(card.id())) {
            throw new IllegalArgumentException("the subscription is not of the card");
        }
        subscription(card(jdbc.sql(INSERT_CARD_AND_SUBSCRIPTION), card), s, "subscriptionId",
                "subscriptionAccountId", "subscriptionSource", "subscriptionUpdatedAt").update();
        return new Inserted(card.inserted(), s.inserted());
    }

    /** A card and its subscription as stored. */
    record Inserted(Contact card, Subscription subscription) {
    }

    private static JdbcClient.StatementSpec card(JdbcClient.StatementSpec statement, Contact card) {
        String[] names = new String[card.fields().size()];
        byte[][] values = new byte[names.length][];
        int i = 0;
        for (Map.Entry<String, SealedField> field : card.fields().entrySet()) {
            names[i] = field.getKey();
            values[i++] = field.getValue().valueSealed();
        }
        return statement
                .param("id", card.id())
                .param("accountId", card.accountId())
                .param("keyVersion", card.keyVersion())
                .param("wrappedKey", card.wrappedKey())
                .param("indexVersion", card.indexVersion())
                .param("emailIndex", card.emailIndex())
                .param("emailSealed", card.emailSealed())
                .param("mobileIndex", card.mobileIndex())
                .param("mobileSealed", card.mobileSealed())
                .param("source", card.source().name())
                .param("mailRating", card.mailRating())
                .param("createdAt", at(card.createdAt()))
                .param("updatedAt", at(card.updatedAt()))
                .param("fieldNames", names)
                .param("fieldValues", values);
    }

    /** The subscription's parameters; those a card's statement names too are given by the names passed. */
    private static JdbcClient.StatementSpec subscription(JdbcClient.StatementSpec statement, Subscription s, String id,
                                                        String accountId, String source, String updatedAt) {
        return statement
                .param(id, s.id())
                .param(accountId, s.accountId())
                .param("contactId", s.contactId())
                .param("listId", s.listId())
                .param("channel", s.channel().name())
                .param("status", s.status().name())
                .param(source, s.source().name())
                .param("subscribedAt", at(s.subscribedAt()))
                .param("subscribeIp", s.subscribeIp())
                .param("subscribeUserAgent", s.subscribeUserAgent())
                .param("formKey", s.formKey())
                .param("formVersion", s.formVersion())
                .param("integration", s.integration())
                .param("consentText", s.consentText())
                .param("confirmedAt", at(s.confirmedAt()))
                .param("confirmIp", s.confirmIp())
                .param("confirmUserAgent", s.confirmUserAgent())
                .param(updatedAt, at(s.updatedAt()));
    }

    /** A time as PostgreSQL's timestamptz takes it, exactly (no zone of the JVM involved). */
    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
