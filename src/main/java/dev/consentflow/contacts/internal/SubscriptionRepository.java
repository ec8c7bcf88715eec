package dev.consentflow.contacts.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.time.Instant;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Subscriptions. The queries are written out: a derived query renders its SQL again on every call. */
interface SubscriptionRepository extends ListCrudRepository<Subscription, UUID> {

    @Query("select * from contacts_subscription where id = :id and account_id = :accountId")
    Optional<Subscription> findByIdAndAccountId(UUID id, UUID accountId);

    /** The subscription, its row locked until the transaction ends (a change of state). */
    @Query("select * from contacts_subscription where id = :id and account_id = :accountId for update")
    Optional<Subscription> findLockedByIdAndAccountId(UUID id, UUID accountId);

    @Query("select * from contacts_subscription where contact_id = :contactId and list_id = :listId")
    Optional<Subscription> findByContactIdAndListId(UUID contactId, UUID listId);

    @Query("select * from contacts_subscription where contact_id = :contactId")
    List<Subscription> findByContactId(UUID contactId);

    @Query("select exists(select 1 from contacts_subscription where contact_id = :contactId)")
    boolean existsByContactId(UUID contactId);

    /**
     * The subscriptions of a card becoming a tombstone, all in one statement: each keeps its list, channel, status,
     * source and the evidence dates and IPs only (no user agent, consent text, form or integration: the audit log
     * proves those without personal data). A PENDING or CONFIRMED one ends UNSUBSCRIBED: the erased person is on
     * no list. Answers how many changed.
     */
    @Modifying
    @Query("""
            update contacts_subscription
               set status = case when status in ('PENDING', 'CONFIRMED') then 'UNSUBSCRIBED' else status end,
                   unsubscribed_at = case when status in ('PENDING', 'CONFIRMED') then :now else unsubscribed_at end,
                   subscribe_user_agent = null, form_key = null, form_version = null, integration = null,
                   consent_text = null, confirm_user_agent = null, updated_at = :now, version = version + 1
             where contact_id = :contactId""")
    int eraseOfContact(UUID contactId, Instant now);
}
