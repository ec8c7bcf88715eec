package dev.consentflow.consent.internal;

import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends entries to their account's chain. The head row of the chain is locked for the rest of the caller's
 * transaction, so concurrent appends to one chain get consecutive seqs and each links to the one before it;
 * a transaction that rolls back leaves neither its entry nor a gap. Appending last in a transaction keeps the
 * lock short.
 */
@Component
class ChainedAuditLog implements AuditLog {

    /** The chain of facts that belong to no account (platform operators' keys). */
    static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private static final int MAX_ACTOR = 200;
    private static final int MAX_PROCESS_INSTANCE = 64;

    private final AuditRowRepository rows;
    private final AuditHeadRepository heads;
    private final AuditBatchInsert batchInsert;

    ChainedAuditLog(AuditRowRepository rows, AuditHeadRepository heads, AuditBatchInsert batchInsert) {
        this.rows = rows;
        this.heads = heads;
        this.batchInsert = batchInsert;
    }

    /**
     * The entries of one chain at once: the head locked once, every entry hashed onto the one before it, the rows
     * written in one JDBC batch and the head moved once. Entries of several chains are appended chain by chain.
     */
    @Override
    @Transactional
    public void appendAll(List<AuditEntry> entries) {
        if (entries.size() < 2) {
            entries.forEach(this::append);
            return;
        }
        Map<UUID, List<AuditEntry>> byChain = new java.util.LinkedHashMap<>();
        for (AuditEntry entry : entries) {
            if (entry.action() == null || entry.actor() == null || entry.actor().isBlank()) {
                throw new IllegalArgumentException("an audit entry needs an action and an actor");
            }
            byChain.computeIfAbsent(entry.account() == null ? PLATFORM_CHAIN : entry.account().value(),
                    c -> new ArrayList<>()).add(entry);
        }
        byChain.forEach(this::appendToChain);
    }

    private void appendToChain(UUID chain, List<AuditEntry> entries) {
        AuditHead head = heads.lock(chain).orElseGet(() -> {
            heads.createIfMissing(chain);
            return heads.lock(chain).orElseThrow();
        });
        long seq = head.seq();
        byte[] previous = head.hash();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AuditBatchInsert.Row> batch = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            seq++;
            Map<String, Object> detail = CanonicalEntry.normalize(entry.detail());
            String actor = clip(entry.actor(), MAX_ACTOR);
            String process = clip(entry.processInstanceId(), MAX_PROCESS_INSTANCE);
            String action = entry.action().name();
            byte[] hash = CanonicalEntry.hash(chain, seq, at, entry.subscriberId(), action, actor, detail, process,
                    previous);
            batch.add(new AuditBatchInsert.Row(chain, seq, at, entry.subscriberId(), action, actor,
                    CanonicalEntry.detailJson(detail), process, previous, hash));
            previous = hash;
        }
        batchInsert.insert(batch);
        heads.advance(chain, seq, previous);
    }

    @Override
    @Transactional
    public long append(AuditEntry entry) {
        if (entry.action() == null || entry.actor() == null || entry.actor().isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an action and an actor");
        }
        UUID chain = entry.account() == null ? PLATFORM_CHAIN : entry.account().value();
        AuditHead head = heads.lock(chain).orElseGet(() -> {
            heads.createIfMissing(chain);
            return heads.lock(chain).orElseThrow();
        });
        long seq = head.seq() + 1;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> detail = CanonicalEntry.normalize(entry.detail());
        String actor = clip(entry.actor(), MAX_ACTOR);
        String process = clip(entry.processInstanceId(), MAX_PROCESS_INSTANCE);
        String action = entry.action().name();
        byte[] hash = CanonicalEntry.hash(chain, seq, at, entry.subscriberId(), action, actor, detail, process,
                head.hash());
        rows.insert(chain, seq, at, entry.subscriberId(), action, actor, CanonicalEntry.detailJson(detail), process,
                head.hash(), hash);
        heads.advance(chain, seq, hash);
        return seq;
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
