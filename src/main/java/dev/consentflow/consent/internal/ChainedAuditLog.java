package dev.consentflow.consent.internal;

import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends entries to their account's chain: in the caller's transaction, as a pending entry (so it exists if and
 * only if the caller's change does), which the {@link AuditChainer} links into the chain right after the commit.
 * Nothing is locked here: before, each append locked the chain's head until its transaction had committed, and
 * every transaction of one account lined up behind the one before it.
 */
@Component
class ChainedAuditLog implements AuditLog {

    /** The chain of facts that belong to no account (platform operators' keys). */
    static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private static final int MAX_ACTOR = 200;
    private static final int MAX_PROCESS_INSTANCE = 64;

    private final JdbcClient jdbc;
    private final AuditChainer chainer;

    ChainedAuditLog(JdbcClient jdbc, AuditChainer chainer) {
        this.jdbc = jdbc;
        this.chainer = chainer;
    }

    @Override
    @Transactional
    public void append(AuditEntry entry) {
        if (entry.action() == null || entry.actor() == null || entry.actor().isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an action and an actor");
        }
        UUID chain = entry.account() == null ? PLATFORM_CHAIN : entry.account().value();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> detail = CanonicalEntry.normalize(entry.detail());
        jdbc.sql("""
                        insert into consent_audit_pending
                            (account_id, at, subscriber_id, action, actor, detail, process_instance_id)
                        values (:chain, :at, :subscriberId, :action, :actor, cast(:detail as jsonb), :processInstanceId)""")
                .param("chain", chain)
                .param("at", Timestamp.from(at))
                .param("subscriberId", entry.subscriberId())
                .param("action", entry.action().name())
                .param("actor", clip(entry.actor(), MAX_ACTOR))
                .param("detail", CanonicalEntry.detailJson(detail))
                .param("processInstanceId", clip(entry.processInstanceId(), MAX_PROCESS_INSTANCE))
                .update();
        chainer.chainAfterCommit(chain);
    }
    /** Actors and process ids are ids, so clipping them loses nothing; control characters cannot forge lines. */
    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return out.toString();
    }
}
