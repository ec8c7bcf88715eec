package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Audiences;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
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


    private final JdbcClient jdbc;
    private final ContactRepository contacts;
    private final Cards cards;

    ListAudiences(JdbcClient jdbc, ContactRepository contacts, Cards cards) {
        this.jdbc = jdbc;
        this.contacts = contacts;
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
        Map<UUID, UUID> contactOf = new HashMap<>();
        jdbc.sql("""
                        select id, contact_id from contacts_subscription
                         where account_id = :account and status = 'CONFIRMED' and channel = 'EMAIL' and id in (:ids)
                        """)
                .param("account", account.value()).param("ids", ids)
                .query(rs -> {
                    contactOf.put(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class));
                });
        Map<UUID, Contact> byId = new HashMap<>();
        contacts.findAllById(new ArrayList<>(contactOf.values())).forEach(c -> byId.put(c.id(), c));
        List<ListRecipient> recipients = new ArrayList<>();
        for (UUID subscription : ids) {
            Contact contact = byId.get(contactOf.get(subscription));
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
