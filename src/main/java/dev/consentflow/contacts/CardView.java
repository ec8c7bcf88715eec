package dev.consentflow.contacts;

import dev.consentflow.accounts.Masking;
import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The contact card of API.md section 5. */
public record CardView(UUID subscriberId, String email, String mobile, Permission permission, Source source,
                       int mailRating, Map<String, String> fields, List<SubscriptionView> subscriptions,
                       List<EventView> events, Instant erasedAt) {

    public record SubscriptionView(String list, Channel channel, SubscriptionStatus status, Instant subscribedAt,
                                   String subscribeIp, Instant confirmedAt, String confirmIp) {
    }

    public record EventView(EventType type, Instant at, String campaign, Map<String, String> details) {
    }

    /**
     * CONFIRMED when any list is confirmed, else PENDING when one waits for confirmation, else UNSUBSCRIBED (no
     * list left: unsubscribed, bounced, or none); DELETED once erased.
     */
    public static Permission permission(boolean erased, Collection<SubscriptionStatus> statuses) {
        if (erased) {
            return Permission.DELETED;
        }
        if (statuses.contains(SubscriptionStatus.CONFIRMED)) {
            return Permission.CONFIRMED;
        }
        return statuses.contains(SubscriptionStatus.PENDING) ? Permission.PENDING : Permission.UNSUBSCRIBED;
    }

    /**
     * What a platform operator sees: the address, the mobile number, and every field value and event detail
     * (which may hold a second address or number) with about 40% of their characters replaced by {@code *}.
     * The one masking rule is {@link Masking#mask}.
     */
    public CardView masked() {
        return new CardView(subscriberId, Masking.mask(email), Masking.mask(mobile), permission, source, mailRating,
                maskValues(fields), subscriptions,
                events.stream().map(e -> new EventView(e.type(), e.at(), e.campaign(), maskValues(e.details())))
                        .toList(),
                erasedAt);
    }

    private static Map<String, String> maskValues(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        values.forEach((name, value) -> masked.put(name, Masking.mask(value)));
        return masked;
    }
}
