package dev.consentflow.consent.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    /** The head moves to the last entry linked, from the seq its linker read (no row yet: the chain was empty). */
    private static final String MOVE_HEAD_POSITIONAL = """
            insert into consent_audit_head (account_id, seq, hash) values (?, ?, ?)
            on conflict (account_id) do update set seq = excluded.seq, hash = excluded.hash
             where consent_audit_head.seq = ?""";
    private static final String MOVE_HEAD = """
            insert into consent_audit_head (account_id, seq, hash) values (:chain, :seq, :hash)
            on conflict (account_id) do update set seq = excluded.seq, hash = excluded.hash
             where consent_audit_head.seq = :from""";

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

    /** The newest entry of a chain as its linker read it: seq 0 and no hash while the chain is empty. */
    record Head(long seq, byte[] hash) {
        static final Head EMPTY = new Head(0, null);
    }

    /**
     * Entries made ready to link, outside the chain's lock: each one's canonical bytes but for its seq and the
     * previous hash ({@link CanonicalEntry.Frame}), and when they go in as a COPY, each row's fields that do not
     * depend on its place. Under the lock, linking them is then a SHA-256 and a few appends per entry.
     */
    static final class Ready {
        private final UUID chain;
        private final List<Link> links;
        private final List<CanonicalEntry.Frame> frames;
        /** The binary COPY rows' first fields ({@link BinaryAuditRows.Starts#start}), or null when they go in as one INSERT. */
        private final List<byte[]> starts;

        UUID chain() {
            return chain;
        }

        private Ready(UUID chain, List<Link> links, boolean detailsCanonical) {
            this.chain = chain;
            this.links = links;
            this.frames = new ArrayList<>(links.size());
            boolean copied = links.size() >= COPY_FROM;
            this.starts = copied ? new ArrayList<>(links.size()) : null;
            CanonicalEntry.Framer framer = new CanonicalEntry.Framer(chain);
            BinaryAuditRows.Starts rows = copied ? new BinaryAuditRows.Starts(chain) : null;
            for (Link entry : links) {
                // The stored detail's UTF-8 is hashed too when it is the canonical text (and then encoded once).
                byte[] stored = copied || detailsCanonical ? entry.detailJson().getBytes(StandardCharsets.UTF_8) : null;
                byte[] hashed = detailsCanonical ? stored
                        : CanonicalEntry.detailJson(entry.detail()).getBytes(StandardCharsets.UTF_8);
                frames.add(framer.frame(entry.at(), entry.subscriberId(), entry.action(), entry.actor(), hashed,
                        entry.processInstanceId()));
                if (copied) {
                    starts.add(rows.start(entry.at(), entry.subscriberId(), entry.action(), entry.actor(), stored,
                            entry.processInstanceId()));
                }
            }
        }
    }

    /** Makes the entries ready to link into the chain ({@link Ready}); no statement, no lock. */
    Ready ready(UUID chain, List<Link> entries) {
        return new Ready(chain, entries, false);
    }

    /**
     * As {@link #ready(UUID, List)}, for entries whose {@code detailJson} is {@link CanonicalEntry#detailJson} of their
     * (normalized) detail, as {@link ChainedAuditLog} makes them: the hash covers that text as it is, instead of the
     * detail serialized again. (A detail read back from the database is not: jsonb writes it with spaces.)
     */
    Ready readyCanonical(UUID chain, List<Link> entries) {
        return new Ready(chain, entries, true);
    }

    /** Links the entries after the chain's head, read here. */
    void link(UUID chain, List<Link> entries) {
        if (!entries.isEmpty()) {
            link(ready(chain, entries));
        }
    }

    /** Links entries made ready before ({@link #ready}) after the chain's head, read here. */
    void link(Ready entries) {
        if (entries.links.isEmpty()) {
            return;
        }
        Head head = jdbc.sql("select seq, hash from consent_audit_head where account_id = :chain")
                .param("chain", entries.chain)
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
                .optional().orElse(Head.EMPTY);
        link(head, entries);
    }

    /**
     * Links the entries after the given head, which the caller read under the chain's lock. A few go in with the
     * head's move in one statement; many as a COPY, then the head's move. The head moves only from the seq it was
     * read at: a head moved meanwhile (a linker without the lock) rolls the caller back instead of forking the chain.
     */
    void link(UUID chain, Head head, List<Link> entries) {
        if (!entries.isEmpty()) {
            link(head, ready(chain, entries));
        }
    }

    private void link(Head head, Ready entries) {
        UUID chain = entries.chain;
        long seq = head.seq();
        byte[] previous = head.hash();
        int moved;
        MessageDigest sha = CanonicalEntry.sha256();
        if (entries.starts != null) {
            BinaryAuditRows copy = new BinaryAuditRows();
            for (int i = 0; i < entries.links.size(); i++) {
                seq++;
                byte[] hash = entries.frames.get(i).hash(seq, previous, sha);
                copy.row(entries.starts.get(i), seq, previous, hash);
                previous = hash;
            }
            copy.copy(dataSource);
            moved = jdbc.sql(MOVE_HEAD).param("chain", chain).param("seq", seq).param("hash", previous)
                    .param("from", head.seq()).update();
        } else {
            List<Object[]> rows = new ArrayList<>(entries.links.size());
            for (int i = 0; i < entries.links.size(); i++) {
                Link entry = entries.links.get(i);
                seq++;
                byte[] hash = entries.frames.get(i).hash(seq, previous, sha);
                rows.add(new Object[] {chain, seq, entry.at(), entry.subscriberId(), entry.action(), entry.actor(),
                        entry.detailJson(), entry.processInstanceId(), previous, hash});
                previous = hash;
            }
            moved = insertAndMoveHead(rows, chain, head.seq(), seq, previous);
        }
        if (moved != 1) {
            throw new IllegalStateException("the head of audit chain " + chain + " moved from seq " + head.seq()
                    + " while entries were linked after it");
        }
    }

    /** The entries and the head's move in one statement: the insert as a data-modifying WITH of the head's upsert. */
    private int insertAndMoveHead(List<Object[]> rows, UUID chain, long from, long seq, byte[] hash) {
        StringBuilder sql = new StringBuilder("""
                with entries as (
                insert into consent_audit_entry
                    (account_id, seq, at, subscriber_id, action, actor, detail, process_instance_id, prev_hash, hash)
                values """);
        List<Object> params = new ArrayList<>(rows.size() * 10 + 4);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)");
            Object[] row = rows.get(i).clone();
            row[2] = Timestamp.from((Instant) row[2]);
            params.addAll(Arrays.asList(row));
        }
        sql.append(")\n").append(MOVE_HEAD_POSITIONAL);
        params.addAll(Arrays.asList(chain, seq, hash, from));
        return jdbc.sql(sql.toString()).params(params).update();
    }
}
