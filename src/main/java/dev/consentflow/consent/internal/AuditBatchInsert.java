package dev.consentflow.consent.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/** Writes chained audit rows, already hashed, with one JDBC batch (the statement of {@link AuditRowRepository#insert}). */
@Component
class AuditBatchInsert {

    private static final String INSERT = """
            insert into consent_audit_entry
                (account_id, seq, at, subscriber_id, action, actor, detail, process_instance_id, prev_hash, hash)
            values (:chain, :seq, :at, :subscriberId, :action, :actor, cast(:detail as jsonb), :processInstanceId,
                    :prevHash, :hash)""";

    private final NamedParameterJdbcTemplate jdbc;

    AuditBatchInsert(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Row(UUID chain, long seq, Instant at, UUID subscriberId, String action, String actor, String detail,
               String processInstanceId, byte[] prevHash, byte[] hash) {
    }

    void insert(List<Row> rows) {
        jdbc.batchUpdate(INSERT, rows.stream().map(r -> new MapSqlParameterSource("chain", r.chain())
                .addValue("seq", r.seq())
                .addValue("at", r.at().atOffset(java.time.ZoneOffset.UTC))
                .addValue("subscriberId", r.subscriberId())
                .addValue("action", r.action())
                .addValue("actor", r.actor())
                .addValue("detail", r.detail())
                .addValue("processInstanceId", r.processInstanceId())
                .addValue("prevHash", r.prevHash())
                .addValue("hash", r.hash())).toArray(SqlParameterSource[]::new));
    }
}
