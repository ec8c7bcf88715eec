package dev.consentflow.consent.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes chained audit rows, already hashed, many to a statement ({@code insert ... values (...), (...)}, up to
 * {@link #ROWS_PER_STATEMENT} rows): the statement of {@link AuditRowRepository#insert}, with far less work for the
 * database per entry when a transaction appends thousands (an import's chunk).
 */
@Component
class AuditBatchInsert {

    static final int ROWS_PER_STATEMENT = 500;

    private static final String INSERT = """
            insert into consent_audit_entry
                (account_id, seq, at, subscriber_id, action, actor, detail, process_instance_id, prev_hash, hash)
            values\s""";
    private static final String ROW = "(:chain%1$d, :seq%1$d, :at%1$d, :subscriberId%1$d, :action%1$d, :actor%1$d, "
            + "cast(:detail%1$d as jsonb), :processInstanceId%1$d, :prevHash%1$d, :hash%1$d)";

    private final NamedParameterJdbcTemplate jdbc;

    AuditBatchInsert(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Row(UUID chain, long seq, Instant at, UUID subscriberId, String action, String actor, String detail,
               String processInstanceId, byte[] prevHash, byte[] hash) {
    }

    void insert(List<Row> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(INSERT);
            MapSqlParameterSource params = new MapSqlParameterSource();
            for (int i = 0; i < part.size(); i++) {
                Row r = part.get(i);
                sql.append(i == 0 ? "" : ", ").append(ROW.formatted(i));
                params.addValue("chain" + i, r.chain())
                        .addValue("seq" + i, r.seq())
                        .addValue("at" + i, r.at().atOffset(ZoneOffset.UTC))
                        .addValue("subscriberId" + i, r.subscriberId())
                        .addValue("action" + i, r.action())
                        .addValue("actor" + i, r.actor())
                        .addValue("detail" + i, r.detail())
                        .addValue("processInstanceId" + i, r.processInstanceId())
                        .addValue("prevHash" + i, r.prevHash())
                        .addValue("hash" + i, r.hash());
            }
            jdbc.update(sql.toString(), params);
        }
    }
}
