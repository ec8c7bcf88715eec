package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.contacts.CardView;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.CardView.EventView;
import dev.consentflow.contacts.CardView.SubscriptionView;
import dev.consentflow.dispatch.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Builds the card a person sees through the API: their values opened, their subscriptions and newest events. */
@Component
class CardViews {

    private static final String SUBSCRIPTIONS = NamedSql.read("contacts", "card-subscriptions");

    private final JdbcClient jdbc;
    private final Cards cards;
    private final CardEvents events;

    CardViews(JdbcClient jdbc, Cards cards, CardEvents events) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.events = events;
    }

    /** The card; a tombstone shows only what erasure keeps (no address, no fields, no events). */
    CardView of(Contact contact) {
        List<SubscriptionView> subscriptions = jdbc.sql(SUBSCRIPTIONS)
                .param("contactId", contact.id())
                .param("accountId", contact.accountId())
                .query(CardViews::subscription)
                .list();
        var permission = CardView.permission(contact.isErased(),
                subscriptions.stream().map(SubscriptionView::status).toList());
        if (contact.isErased() || contact.wrappedKey() == null) {
            // API.md section 5: a tombstone's subscriptions show list, status and the evidence dates and IPs only.
            List<SubscriptionView> kept = subscriptions.stream()
                    .map(s -> new SubscriptionView(s.list(), null, s.status(), s.subscribedAt(), s.subscribeIp(),
                            s.confirmedAt(), s.confirmIp()))
                    .toList();
            return new CardView(contact.id(), null, null, permission, contact.source(), contact.mailRating(),
                    Map.of(), kept, List.of(), contact.erasedAt());
        }
        UnlockedCard card = cards.open(contact);
        List<EventView> newest = events.newest(card).stream()
                .map(e -> new EventView(e.event().type(), e.event().at(), e.event().campaign(), e.details()))
                .toList();
        return new CardView(contact.id(), card.email(), card.mobile(), permission, contact.source(),
                contact.mailRating(), card.fields(), subscriptions, newest, null);
    }

    private static SubscriptionView subscription(ResultSet rs, int row) throws SQLException {
        return new SubscriptionView(rs.getString("list"), Channel.valueOf(rs.getString("channel")),
                SubscriptionStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("subscribed_at")),
                rs.getString("subscribe_ip"), instant(rs.getTimestamp("confirmed_at")), rs.getString("confirm_ip"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
