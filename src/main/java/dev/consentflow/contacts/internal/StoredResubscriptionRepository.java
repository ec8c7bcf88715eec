package dev.consentflow.contacts.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

interface StoredResubscriptionRepository extends ListCrudRepository<StoredResubscription, UUID> {

    Optional<StoredResubscription> findByIdAndAccountId(UUID id, UUID accountId);

    /** The pending resubscription, its row locked until the transaction ends (its confirmation or expiry). */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<StoredResubscription> findLockedByIdAndAccountId(UUID id, UUID accountId);

    Optional<StoredResubscription> findByTombstoneIdAndListId(UUID tombstoneId, UUID listId);
}
