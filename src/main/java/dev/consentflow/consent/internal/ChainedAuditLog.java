package dev.consentflow.consent.internal;

import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends entries to their account's chain: in the caller's transaction, as a pending entry (so it exists if and
 * only if the caller's change does), which the {@link AuditChainer} links into the chain right after the commit.
 * Nothing is locked here: before, each append locked the chain's head until its transaction had committed, and
 * every transaction of one account lined up behind the one before it. Only a transaction with many entries (an
 * import's chunk) chains them itself and holds the chain's lock from then until it commits: one lock for thousands
 * of entries, each written once.
 */
@Component
class ChainedAuditLog implements AuditLog {

    /** The transaction resource holding the entries {@link #appendAtCommit} queued. */
    private static final Object AT_COMMIT = ChainedAuditLog.class.getName() + ".atCommit";

    /** The chain of facts that belong to no account (platform operators' keys). */
    static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private static final int MAX_ACTOR = 200;
    private static final int MAX_PROCESS_INSTANCE = 64;
    private static final int ROWS_PER_STATEMENT = 500;
    /** Persons per statement of {@link #appendForEach}: their ids go as one array. */
    private static final int PERSONS_PER_STATEMENT = 20_000;

    /** From this many entries on, an append chains them in the caller's transaction ({@link #chainNow}). */
    private static final int CHAIN_NOW_FROM = 50;

    private final JdbcClient jdbc;
    private final AuditChainer chainer;
    private final ChainTail tail;

    ChainedAuditLog(JdbcClient jdbc, AuditChainer chainer, ChainTail tail) {
        this.jdbc = jdbc;
        this.chainer = chainer;
        this.tail = tail;
    }

    @Override
    @Transactional
    public void append(AuditEntry entry) {
        appendAll(List.of(entry));
    }

    /**
     * The entries of one transaction at once, in their order: a few are written as pending rows, many to a
     * statement, and each chain they touch is chained after the commit; many (an import's chunk appends thousands)
     * are chained at once, in the transaction ({@link #chainNow}).
     */
    @Override
    @Transactional
    public void appendAll(List<AuditEntry> entries) {
        for (AuditEntry entry : entries) {
            if (entry.action() == null || entry.actor() == null || entry.actor().isBlank()) {
                throw new IllegalArgumentException("an audit entry needs an action and an actor");
            }
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Set<UUID> chains = new LinkedHashSet<>();
        if (entries.size() >= CHAIN_NOW_FROM) {
            chainNow(entries, at);
            return;
        }
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            List<AuditEntry> part = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("""
                    insert into consent_audit_pending
                        (account_id, at, subscriber_id, action, actor, detail, process_instance_id)
                    values """);
            List<Object> params = new ArrayList<>(part.size() * 7);
            for (int i = 0; i < part.size(); i++) {
                AuditEntry entry = part.get(i);
                UUID chain = entry.account() == null ? PLATFORM_CHAIN : entry.account().value();
                chains.add(chain);
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, cast(? as jsonb), ?)");
                params.addAll(Arrays.asList(chain, Timestamp.from(at), entry.subscriberId(), entry.action().name(),
                        clip(entry.actor(), MAX_ACTOR),
                        CanonicalEntry.detailJson(CanonicalEntry.normalize(entry.detail())),
                        clip(entry.processInstanceId(), MAX_PROCESS_INSTANCE)));
            }
            // Ids come from the sequence in the order of the VALUES list: the chain keeps the entries' order.
            jdbc.sql(sql.toString()).params(params).update();
        }
        chains.forEach(chainer::chainAfterCommit);
    }

    /**
     * Queued in the transaction until it is about to commit, then written as {@link #appendAll} writes them: the
     * entries of every module of one transaction (a signup's: contacts' subscription, the confirmation mail's) in
     * one statement instead of one each.
     */
    @Override
    public void appendAtCommit(AuditEntry entry) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            append(entry);
            return;
        }
        AtCommit queue = (AtCommit) TransactionSynchronizationManager.getResource(AT_COMMIT);
        if (queue == null) {
            queue = new AtCommit();
            TransactionSynchronizationManager.bindResource(AT_COMMIT, queue);
            TransactionSynchronizationManager.registerSynchronization(queue);
        }
        queue.add(entry);
    }

    /**
     * A transaction's entries until it commits. One handed over after they were written (by another synchronization
     * that runs before the commit, after this one) is written at once, still in the transaction.
     */
    private final class AtCommit implements TransactionSynchronization {

        private final List<AuditEntry> entries = new ArrayList<>();
        private boolean written;

        void add(AuditEntry entry) {
            if (written) {
                appendAll(List.of(entry));
            } else {
                entries.add(entry);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            if (!entries.isEmpty()) {
                appendAll(entries);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AT_COMMIT);
        }
    }

    /**
     * Many entries (an import's chunk) go straight into their chains, in the caller's transaction: without the
     * waiting room, each is written once instead of written, read, deleted and written again. The chains are locked
     * in the order of their lock keys, so two such transactions never wait for each other in a circle.
     */
    private void chainNow(List<AuditEntry> entries, Instant at) {
        Map<UUID, List<ChainTail.Link>> byChain = new TreeMap<>(
                Comparator.comparingInt(AuditChainer::lockKey).thenComparing(Comparator.naturalOrder()));
        for (AuditEntry entry : entries) {
            UUID chain = entry.account() == null ? PLATFORM_CHAIN : entry.account().value();
            Map<String, Object> detail = CanonicalEntry.normalize(entry.detail());
            byChain.computeIfAbsent(chain, c -> new ArrayList<>()).add(new ChainTail.Link(at, entry.subscriberId(),
                    entry.action().name(), clip(entry.actor(), MAX_ACTOR), detail, CanonicalEntry.detailJson(detail),
                    clip(entry.processInstanceId(), MAX_PROCESS_INSTANCE)));
        }
        // Each chain's entries are made ready (serialized, their rows formatted) before its lock is taken: while one
        // transaction holds a chain's lock until it commits, the next prepares its entries instead of waiting.
        List<ChainTail.Ready> ready = new ArrayList<>(byChain.size());
        byChain.forEach((chain, links) -> ready.add(tail.readyCanonical(chain, links)));
        ready.forEach(chainer::appendNow);
    }

    /**
     * One pending row per person from an array of their ids, {@value #PERSONS_PER_STATEMENT} to a statement: the
     * rows take their ids in the array's order (the insert reads the array with its ordinality, in that order), so
     * the chain holds them in the persons' order, linked like any other entries.
     */
    @Override
    @Transactional
    public void appendForEach(AuditEntry entry, List<UUID> subscriberIds) {
        if (entry.action() == null || entry.actor() == null || entry.actor().isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an action and an actor");
        }
        if (subscriberIds.isEmpty()) {
            return;
        }
        UUID chain = entry.account() == null ? PLATFORM_CHAIN : entry.account().value();
        Timestamp at = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        String detail = CanonicalEntry.detailJson(CanonicalEntry.normalize(entry.detail()));
        for (int from = 0; from < subscriberIds.size(); from += PERSONS_PER_STATEMENT) {
            List<UUID> part = subscriberIds.subList(from, Math.min(subscriberIds.size(), from + PERSONS_PER_STATEMENT));
            jdbc.sql("""
                            insert into consent_audit_pending
                                (account_id, at, subscriber_id, action, actor, detail, process_instance_id)
                            select :chain, :at, person.id, :action, :actor, cast(:detail as jsonb), :instance
                              from unnest(cast(:ids as uuid[])) with ordinality as person (id, n)
                             order by person.n""")
                    .param("chain", chain).param("at", at).param("action", entry.action().name())
                    .param("actor", clip(entry.actor(), MAX_ACTOR)).param("detail", detail)
                    .param("instance", clip(entry.processInstanceId(), MAX_PROCESS_INSTANCE))
                    .param("ids", part.toArray(new UUID[0]))
                    .update();
        }
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
