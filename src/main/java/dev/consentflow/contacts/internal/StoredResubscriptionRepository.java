package dev.consentflow.contacts.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Pending resubscriptions. The queries are written out: a derived query renders its SQL again on every call. */
interface StoredResubscriptionRepository extends ListCrudRepository<StoredResubscription, UUID> {

    @Query("select * from contacts_resubscription where id = :id and account_id = :accountId")
    Optional<StoredResubscription> findByIdAndAccountId(UUID id, UUID accountId);

    /** The pending resubscription, its row locked until the transaction ends (its confirmation or expiry). */
    @Query("select * from contacts_resubscription where id = :id and account_id = :accountId for update")
    Optional<StoredResubscription> findLockedByIdAndAccountId(UUID id, UUID accountId);

    @Query("select * from contacts_resubscription where tombstone_id = :tombstoneId and list_id = :listId")
    Optional<StoredResubscription> findByTombstoneIdAndListId(UUID tombstoneId, UUID listId);
}
