package dev.consentflow.consent.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface AuditHeadRepository extends Repository<AuditHead, UUID> {

    /** The head of a chain, its row locked until the appending transaction ends: appends line up here. */
    @Query("select * from consent_audit_head where account_id = :chain for update")
    Optional<AuditHead> lock(UUID chain);

    Optional<AuditHead> findById(UUID chain);

    @Modifying
    @Query("insert into consent_audit_head (account_id, seq, hash) values (:chain, 0, null) on conflict do nothing")
    void createIfMissing(UUID chain);

    @Modifying
    @Query("update consent_audit_head set seq = :seq, hash = :hash where account_id = :chain")
    void advance(UUID chain, long seq, byte[] hash);
}
