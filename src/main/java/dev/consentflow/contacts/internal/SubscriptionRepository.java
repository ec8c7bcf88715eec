package dev.consentflow.contacts.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

interface SubscriptionRepository extends ListCrudRepository<Subscription, UUID> {

    Optional<Subscription> findByIdAndAccountId(UUID id, UUID accountId);

    /** The subscription, its row locked until the transaction ends (a change of state). */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Subscription> findLockedByIdAndAccountId(UUID id, UUID accountId);

    Optional<Subscription> findByContactIdAndListId(UUID contactId, UUID listId);

    List<Subscription> findByContactId(UUID contactId);

    boolean existsByContactId(UUID contactId);
}
