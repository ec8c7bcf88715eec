package dev.consentflow.consent.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface AuditRowRepository extends Repository<AuditRow, Long> {

    String COLUMNS = "id, account_id, seq, at, subscriber_id, action, actor, detail::text as detail, "
            + "process_instance_id, prev_hash, hash";

    /** One page of a chain in order, for verification. */
    @Query("select " + COLUMNS + " from consent_audit_entry where account_id = :chain and seq > :afterSeq "
            + "order by seq limit :limit")
    List<AuditRow> page(UUID chain, long afterSeq, int limit);

    @Query("select count(*) from consent_audit_entry where account_id = :chain")
    long count(UUID chain);

    @Query("select " + COLUMNS + " from consent_audit_entry where account_id = :chain "
            + "and subscriber_id = :subscriberId order by seq")
    List<AuditRow> ofSubscriber(UUID chain, UUID subscriberId);

    @Query("select " + COLUMNS + """
             from consent_audit_entry
            where account_id = :chain
              and (cast(:action as varchar) is null or action = :action)
              and (cast(:from as timestamptz) is null or at >= :from)
              and (cast(:to as timestamptz) is null or at < :to)
              and seq > :afterSeq
            order by seq
            limit :limit""")
    List<AuditRow> search(UUID chain, String action, Instant from, Instant to, long afterSeq, int limit);
}
