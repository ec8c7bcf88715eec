package dev.consentflow.consent.internal;

import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads, signs and checks the checkpoints of the audit chains. The signing key is a platform key derived for this
 * purpose only ({@code consent.audit-checkpoint}), so it signs nothing else and nothing else signs with it; the
 * signature covers the chain, the seq, the entry's hash and the checkpoint's time.
 */
@Component
class AuditCheckpoints {

    static final String PURPOSE = "consent.audit-checkpoint";

    private static final String COLUMNS = "account_id, seq, hash, at, signature";

    private final JdbcClient jdbc;
    private final SecretKey key;

    AuditCheckpoints(JdbcClient jdbc, KeyRing keys) {
        this.jdbc = jdbc;
        this.key = keys.derive(PURPOSE, 1);
    }

    /** The newest checkpoint of the chain at or before {@code seq}. */
    Optional<AuditCheckpoint> newest(UUID chain, long atMostSeq) {
        return jdbc.sql("select " + COLUMNS + " from consent_audit_checkpoint where account_id = :chain "
                        + "and seq <= :seq order by seq desc limit 1")
                .param("chain", chain).param("seq", atMostSeq).query(AuditCheckpoints::row).optional();
    }

    /** Every checkpoint of the chain up to {@code seq}, oldest first. */
    List<AuditCheckpoint> upTo(UUID chain, long seq) {
        return jdbc.sql("select " + COLUMNS + " from consent_audit_checkpoint where account_id = :chain "
                        + "and seq <= :seq order by seq")
                .param("chain", chain).param("seq", seq).query(AuditCheckpoints::row).list();
    }

    /** Signs and stores a checkpoint of a verified head (another node's checkpoint of that seq wins). */
    AuditCheckpoint write(UUID chain, long seq, byte[] hash) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AuditCheckpoint checkpoint = new AuditCheckpoint(chain, seq, hash, at, sign(chain, seq, hash, at));
        jdbc.sql("insert into consent_audit_checkpoint (" + COLUMNS + ") values (:chain, :seq, :hash, :at, :signature) "
                        + "on conflict do nothing")
                .param("chain", chain).param("seq", seq).param("hash", hash).param("at", Timestamp.from(at))
                .param("signature", checkpoint.signature()).update();
        return checkpoint;
    }

    boolean signedByUs(AuditCheckpoint checkpoint) {
        return MessageDigest.isEqual(checkpoint.signature(),
                sign(checkpoint.chain(), checkpoint.seq(), checkpoint.hash(), checkpoint.at()));
    }

    private byte[] sign(UUID chain, long seq, byte[] hash, Instant at) {
        String content = "audit-checkpoint|" + chain + "|" + seq + "|" + CanonicalEntry.hex(hash) + "|" + at;
        return Sealing.hmac(key, content.getBytes(StandardCharsets.UTF_8));
    }

    private static AuditCheckpoint row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new AuditCheckpoint(rs.getObject("account_id", UUID.class), rs.getLong("seq"), rs.getBytes("hash"),
                rs.getTimestamp("at").toInstant(), rs.getBytes("signature"));
    }
}
