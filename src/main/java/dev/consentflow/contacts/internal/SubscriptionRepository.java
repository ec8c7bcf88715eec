package dev.consentflow.contacts.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
}
