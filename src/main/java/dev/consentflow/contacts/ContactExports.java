package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads what the contacts module holds about people, opened, for access and portability exports (GDPR Articles
 * 15 and 20). Everything streams: rows are read through a database cursor and handed over one at a time, so an
 * export of a million contacts never holds a million rows. Every method runs in a read-only transaction of its
 * own that lasts as long as the callbacks do, and writes nothing (the caller audits the export).
 */
public interface ContactExports {

    /** Whether the account holds this card, live or a tombstone. */
    boolean exists(AccountId account, SubscriberId subscriber);

    /**
     * Hands over everything a card holds, in this order: the card with its custom fields, then every
     * subscription with its consent evidence, then every behaviour event, oldest first. A tombstone shows only
     * what erasure keeps: no address, no fields, no events, and of each subscription only the list, the status,
     * and when and from which IP it was requested and confirmed.
     *
     * @return false, having called nothing, when the card does not exist in the account
     */
    boolean readPerson(AccountId account, SubscriberId subscriber, PersonReader reader);

    /**
     * The names of the custom fields that the live contacts of a list (or of the whole account, for a
     * {@code null} list) hold, sorted: the columns of a table export.
     */
    List<String> fieldNames(AccountId account, ListInfo list);

    /**
     * Streams the live (not erased) contacts of a list, one row per contact with its subscription to that list;
     * or, for a {@code null} list, every live contact of the account, one row per subscription (a card without
     * any subscription gives one row without one). Ordered by card creation.
     *
     * @return how many rows were handed over
     */
    long streamContacts(AccountId account, ListInfo list, Consumer<ContactRow> each);

    /** Receives a person's record part by part. */
    interface PersonReader {

        void card(PersonCard card);

        void subscription(SubscriptionEvidence subscription);

        void event(BehaviourEvent event);
    }

    /** One row of a list or account export: the card, opened, and one subscription (or none). */
    record ContactRow(PersonCard card, SubscriptionEvidence subscription) {
    }
}
