package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Audiences;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriptionId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The confirmed audience of a list, read in pages by id, and its cards opened for rendering list mail. */
@Component
class ListAudiences implements Audiences {

    private static final String RECIPIENT_CARDS = NamedSql.read("contacts", "recipient-cards");
    private static final String RECIPIENT_FIELDS = NamedSql.read("contacts", "recipient-fields");


    private final JdbcClient jdbc;
    private final Cards cards;

    ListAudiences(JdbcClient jdbc, Cards cards) {
        this.jdbc = jdbc;
        this.cards = cards;
    }

    @Override
    public List<SubscriptionId> confirmedSubscriptions(AccountId account, ListInfo list, SubscriptionId after,
                                                       int limit) {
        // uuid order in PostgreSQL is bytewise; paging with "id > :after" from the smallest uuid covers all rows.
        String sql = """
                select id from contacts_subscription
                 where account_id = :account and list_id = :list and status = 'CONFIRMED' and channel = 'EMAIL'
                """ + (after == null ? "" : " and id > :after") + " order by id limit :limit";
        var statement = jdbc.sql(sql).param("account", account.value()).param("list", list.id())
                .param("limit", limit);
        if (after != null) {
            statement = statement.param("after", after.value());
        }
        return statement.query((rs, row) -> new SubscriptionId(rs.getObject("id", UUID.class))).list();
    }

    @Override
    public List<ListRecipient> confirmedRecipients(AccountId account, Collection<SubscriptionId> subscriptions) {
        if (subscriptions.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = subscriptions.stream().map(SubscriptionId::value).toList();
        // The cards and their fields in two statements a page: read as aggregates, each card's fields would cost a
        // statement of their own, one per recipient.
        Map<UUID, Map<String, Contact.SealedField>> fieldsOf = new HashMap<>();
        jdbc.sql(RECIPIENT_FIELDS).param("account", account.value()).param("ids", ids)
                .query(rs -> {
                    fieldsOf.computeIfAbsent(rs.getObject("contact_id", UUID.class), id -> new HashMap<>())
                            .put(rs.getString("name"), new Contact.SealedField(rs.getBytes("value_sealed")));
                });
        Map<UUID, Contact> contactOf = new HashMap<>();
        jdbc.sql(RECIPIENT_CARDS).param("account", account.value()).param("ids", ids)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    contactOf.put(rs.getObject("subscription_id", UUID.class), new Contact(id,
                            rs.getObject("account_id", UUID.class), rs.getInt("key_version"),
                            rs.getBytes("wrapped_key"), rs.getInt("index_version"), rs.getBytes("email_index"),
                            rs.getBytes("email_sealed"), rs.getBytes("mobile_index"), rs.getBytes("mobile_sealed"),
                            Source.valueOf(rs.getString("source")), rs.getInt("mail_rating"),
                            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                            instant(rs.getTimestamp("erased_at")), Map.copyOf(fieldsOf.getOrDefault(id, Map.of())),
                            rs.getLong("version")));
                });
        List<ListRecipient> recipients = new ArrayList<>();
        for (UUID subscription : ids) {
            Contact contact = contactOf.get(subscription);
            if (contact == null || contact.isErased() || contact.wrappedKey() == null
                    || !contact.accountId().equals(account.value()) || contact.emailSealed() == null) {
                continue;
            }
            UnlockedCard card = cards.open(contact);
            recipients.add(new ListRecipient(new SubscriberId(contact.id()), new SubscriptionId(subscription),
                    card.email(), card.fields()));
        }
        return recipients;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public List<SubscriptionId> unsubscribedSince(AccountId account, ListInfo list, java.time.Instant since) {
        return jdbc.sql("""
                        select id from contacts_subscription
                         where account_id = :account and list_id = :list and status = 'UNSUBSCRIBED'
                           and unsubscribed_at >= :since
                           and exists (select 1 from contacts_contact c
                                        where c.id = contact_id and c.erased_at is null)
                        """)
                .param("account", account.value()).param("list", list.id())
                .param("since", java.sql.Timestamp.from(since))
                .query((rs, row) -> new SubscriptionId(rs.getObject("id", UUID.class))).list();
    }
}
