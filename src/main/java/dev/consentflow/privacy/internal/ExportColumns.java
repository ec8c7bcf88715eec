package dev.consentflow.privacy.internal;

import dev.consentflow.contacts.ContactExports.ContactRow;
import dev.consentflow.contacts.PersonCard;
import dev.consentflow.contacts.SubscriptionEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a list or account export, in order: the card, then the subscription with its consent evidence,
 * then one column per custom field ({@code field:firstName}). CSV and XLSX use them as headers, JSON as keys.
 */
final class ExportColumns {

    /** One column: its name and how a row gives its value (a string, a number, an instant, or null). */
    record Column(String name, Function<ContactRow, Object> value) {
    }

    static final List<Column> FIXED = List.of(
            card("subscriberId", c -> c.subscriberId().toString()),
            card("email", PersonCard::email),
            card("mobile", PersonCard::mobile),
            card("permission", c -> c.permission().name()),
            card("source", c -> c.source().name()),
            card("mailRating", PersonCard::mailRating),
            card("createdAt", PersonCard::createdAt),
            card("updatedAt", PersonCard::updatedAt),
            subscription("list", SubscriptionEvidence::list),
            subscription("channel", s -> s.channel().name()),
            subscription("status", s -> s.status().name()),
            subscription("subscriptionSource", s -> s.source().name()),
            subscription("subscribedAt", SubscriptionEvidence::subscribedAt),
            subscription("subscribeIp", SubscriptionEvidence::subscribeIp),
            subscription("subscribeUserAgent", SubscriptionEvidence::subscribeUserAgent),
            subscription("formKey", SubscriptionEvidence::formKey),
            subscription("formVersion", SubscriptionEvidence::formVersion),
            subscription("integration", SubscriptionEvidence::integration),
            subscription("consentText", SubscriptionEvidence::consentText),
            subscription("confirmedAt", SubscriptionEvidence::confirmedAt),
            subscription("confirmIp", SubscriptionEvidence::confirmIp),
            subscription("confirmUserAgent", SubscriptionEvidence::confirmUserAgent),
            subscription("unsubscribedAt", SubscriptionEvidence::unsubscribedAt),
            subscription("bouncedAt", SubscriptionEvidence::bouncedAt));

    /** The prefix of a custom field's column. */
    static final String FIELD = "field:";

    private ExportColumns() {
    }

    /** The fixed columns and one per custom field name. */
    static List<Column> with(List<String> fieldNames) {
        List<Column> columns = new ArrayList<>(FIXED);
        for (String name : fieldNames) {
            columns.add(new Column(FIELD + name, row -> row.card().fields().get(name)));
        }
        return columns;
    }

    private static Column card(String name, Function<PersonCard, Object> value) {
        return new Column(name, row -> value.apply(row.card()));
    }

    private static Column subscription(String name, Function<SubscriptionEvidence, Object> value) {
        return new Column(name, row -> row.subscription() == null ? null : value.apply(row.subscription()));
    }
}
