package dev.consentflow.privacy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ErasureRequestRepository extends ListCrudRepository<ErasureRequest, UUID> {

    Optional<ErasureRequest> findByIdAndAccountId(UUID id, UUID accountId);

    /** The request, its row locked until the transaction ends: one decision, one seal. */
    @Query("select * from privacy_erasure_request where id = :id for update")
    Optional<ErasureRequest> lock(UUID id);

    @Query("""
            select * from privacy_erasure_request
            where account_id = :accountId and subscriber_id = :subscriberId
              and status in ('PENDING_APPROVAL', 'IN_PROGRESS')""")
    Optional<ErasureRequest> findOpen(UUID accountId, UUID subscriberId);

    @Query("""
            select * from privacy_erasure_request
            where account_id = :accountId and (cast(:status as varchar) is null or status = :status)
            order by requested_at desc, id limit :limit""")
    List<ErasureRequest> findRecent(UUID accountId, String status, int limit);

    /**
     * Serialises requests for one person until the transaction ends (the key comes from the subscriber id), so
     * two requests at once make one.
     */
    @Query("select true from pg_advisory_xact_lock(:key)")
    boolean lockPerson(long key);

    /** The lock of a retention run, if no other node holds it; held until the transaction ends. */
    @Query("select pg_try_advisory_xact_lock(:key)")
    boolean tryLockRun(long key);

    @Modifying
    @Query("""
            insert into privacy_erasure_request
                (id, account_id, subscriber_id, status, approval_required, requested_by, requested_at,
                 reason_key_version, reason_sealed, process_instance_id)
            values (:id, :accountId, :subscriberId, :status, :approvalRequired, :requestedBy, :requestedAt,
                    :reasonKeyVersion, :reasonSealed, :processInstanceId)""")
    void insert(UUID id, UUID accountId, UUID subscriberId, String status, boolean approvalRequired,
                String requestedBy, Instant requestedAt, Integer reasonKeyVersion, byte[] reasonSealed,
                String processInstanceId);

    /**
     * Gives a request that needs no approval and names no instance yet (written just now, in this transaction) to
     * the instance, locking its row; answers nothing for any other request.
     */
    @Query("""
            update privacy_erasure_request
               set process_instance_id = :processInstanceId
             where id = :id and process_instance_id is null and status = 'IN_PROGRESS' and not approval_required
            returning *""")
    Optional<ErasureRequest> claim(UUID id, String processInstanceId);

    @Modifying
    @Query("""
            update privacy_erasure_request
               set status = :status, decided_by = :decidedBy, decided_at = :at,
                   reason_sealed = case when :status = 'REJECTED' then null else reason_sealed end,
                   finished_at = case when :status = 'REJECTED' then cast(:at as timestamptz) end
             where id = :id and status = 'PENDING_APPROVAL'""")
    int decided(UUID id, String status, String decidedBy, Instant at);

    /**
     * Ends a running request ERASED, its reason deleted; answers it as it is now, or nothing when it did not run
     * (sealed before). The row is locked already: the erasure's check locked it in the same transaction.
     */
    @Query("""
            update privacy_erasure_request
               set status = 'ERASED', finished_at = :at, reason_sealed = null
             where id = :id and status = 'IN_PROGRESS'
            returning *""")
    Optional<ErasureRequest> erased(UUID id, Instant at);

    /** Finished requests older than the retention: ids and times only, kept as long as the tombstone. */
    @Modifying
    @Query("""
            delete from privacy_erasure_request
             where status in ('REJECTED', 'ERASED') and finished_at < :before""")
    int deleteFinishedBefore(Instant before);
}
