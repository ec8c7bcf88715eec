package dev.consentflow.consent.internal;

import dev.consentflow.CopyRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links entries at the end of a chain, in the caller's transaction: each takes the next seq after the head and the
 * hash of the one before it, then the head moves to the last. The caller holds the chain's lock
 * ({@link AuditChainer#lock}), so nobody else links into the chain until it commits.
 */
@Component
class ChainTail {

    /** From this many entries on, they go in as one COPY instead of one INSERT. */
    private static final int COPY_FROM = 50;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ChainTail(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * An entry about to take its seq: what its hash covers ({@code detail} normalized, see {@link CanonicalEntry}),
     * and its detail as the JSON text stored.
     */
    record Link(Instant at, UUID subscriberId, String action, String actor, Map<String, Object> detail,
                String detailJson, String processInstanceId) {
    }

    void link(UUID chain, List<Link> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql("insert into consent_audit_head (account_id, seq, hash) values (:chain, 0, null) "
                + "on conflict do nothing").param("chain", chain).update();
        AuditHead head = jdbc.sql("select account_id, seq, hash from consent_audit_head where account_id = :chain "
                        + "for update").param("chain", chain)
                .query((rs, n) -> new AuditHead(rs.getObject("account_id", UUID.class), rs.getLong("seq"),
                        rs.getBytes("hash")))
                .single();
        long seq = head.seq();
        byte[] previous = head.hash();
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Link entry : entries) {
            seq++;
            byte[] hash = CanonicalEntry.hash(chain, seq, entry.at(), entry.subscriberId(), entry.action(),
                    entry.actor(), entry.detail(), entry.processInstanceId(), previous);
            rows.add(new Object[] {chain, seq, entry.at(), entry.subscriberId(), entry.action(), entry.actor(),
                    entry.detailJson(), entry.processInstanceId(), previous, hash});
            previous = hash;
        }
        if (rows.size() >= COPY_FROM) {
            copy(rows);
        } else {
            insert(rows);
        }
        jdbc.sql("update consent_audit_head set seq = :seq, hash = :hash where account_id = :chain")
                .param("seq", seq).param("hash", previous).param("chain", chain).update();
    }

    private void insert(List<Object[]> rows) {
        StringBuilder sql = new StringBuilder("""
                insert into consent_audit_entry
                    (account_id, seq, at, subscriber_id, action, actor, detail, process_instance_id, prev_hash, hash)
                values """);
        List<Object> params = new ArrayList<>(rows.size() * 10);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)");
            Object[] row = rows.get(i).clone();
            row[2] = Timestamp.from((Instant) row[2]);
            params.addAll(Arrays.asList(row));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    private void copy(List<Object[]> rows) {
        CopyRows copy = new CopyRows();
        rows.forEach(copy::row);
        copy.copy(dataSource, """
                copy consent_audit_entry
                    (account_id, seq, at, subscriber_id, action, actor, detail, process_instance_id, prev_hash, hash)
                from stdin""");
    }
}
