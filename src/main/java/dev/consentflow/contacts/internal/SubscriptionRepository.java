package dev.consentflow.contacts.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    /**
     * Writes what {@link Subscription#confirmed} made of the row it was made from: only the columns a confirmation
     * changes (saving the aggregate wrote every one), each with the record's value, so what a confirmation is stays
     * said in one place; from the version read. 0: the row changed since (the caller rolls back).
     */
    default int confirm(Subscription confirmed) {
        return confirm(confirmed.id(), confirmed.version(), confirmed.status().name(), confirmed.confirmedAt(),
                confirmed.confirmIp(), confirmed.confirmUserAgent(), confirmed.unsubscribedAt(),
                confirmed.bouncedAt(), confirmed.updatedAt());
    }

    /** The statement of {@link #confirm(Subscription)}; call that one. */
    @Modifying
    @Query("""
            update contacts_subscription
               set status = :status, confirmed_at = :confirmedAt, confirm_ip = :confirmIp,
                   confirm_user_agent = :confirmUserAgent, unsubscribed_at = :unsubscribedAt,
                   bounced_at = :bouncedAt, updated_at = :updatedAt, version = version + 1
             where id = :id and version = :version""")
    int confirm(UUID id, long version, String status, Instant confirmedAt, String confirmIp, String confirmUserAgent,
                Instant unsubscribedAt, Instant bouncedAt, Instant updatedAt);

    @Query("select * from contacts_subscription where contact_id = :contactId and list_id = :listId")
    Optional<Subscription> findByContactIdAndListId(UUID contactId, UUID listId);

    @Query("select * from contacts_subscription where contact_id = :contactId")
    List<Subscription> findByContactId(UUID contactId);

    @Query("select exists(select 1 from contacts_subscription where contact_id = :contactId)")
    boolean existsByContactId(UUID contactId);
}
