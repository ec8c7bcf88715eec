package dev.consentflow.consent.internal;

import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
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
    private static final int ROWS_PER_STATEMENT = 500;
    /** Persons per statement of {@link #appendForEach}: their ids go as one array. */
    private static final int PERSONS_PER_STATEMENT = 20_000;

    /** From this many entries on, an append is one COPY instead of INSERT statements. */
    private static final int COPY_FROM = 50;

    private final JdbcClient jdbc;
    private final AuditChainer chainer;
    private final DataSource dataSource;

    ChainedAuditLog(JdbcClient jdbc, AuditChainer chainer, DataSource dataSource) {
        this.jdbc = jdbc;
        this.chainer = chainer;
        this.dataSource = dataSource;
    }

    @Override
    @Transactional
    public void append(AuditEntry entry) {
        appendAll(List.of(entry));
    }

    /**
     * The entries of one transaction at once (an import's chunk appends thousands): written as pending rows many
     * to a statement, in their order, then each chain they touch is chained after the commit.
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
        if (entries.size() >= COPY_FROM) {
            copy(entries, at, chains);
            chains.forEach(chainer::chainAfterCommit);
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
     * Many entries (an import's chunk) as one COPY on the transaction's connection: far less work for the database
     * per entry than the rows of an INSERT; the rows take their ids in the order sent.
     */
    private void copy(List<AuditEntry> entries, Instant at, Set<UUID> chains) {
        StringBuilder text = new StringBuilder(entries.size() * 160);
        String when = at.toString();
        for (AuditEntry entry : entries) {
            UUID chain = entry.account() == null ? PLATFORM_CHAIN : entry.account().value();
            chains.add(chain);
            text.append(chain).append('\t').append(when).append('\t');
            copyValue(text, entry.subscriberId() == null ? null : entry.subscriberId().toString());
            text.append('\t').append(entry.action().name()).append('\t');
            copyValue(text, clip(entry.actor(), MAX_ACTOR));
            text.append('\t');
            copyValue(text, CanonicalEntry.detailJson(CanonicalEntry.normalize(entry.detail())));
            text.append('\t');
            copyValue(text, clip(entry.processInstanceId(), MAX_PROCESS_INSTANCE));
            text.append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy consent_audit_pending (account_id, at, subscriber_id, action, actor, detail, process_instance_id)
                    from stdin""", new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not append audit entries", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A value in COPY's text format: null as \\N, backslash, tab and line breaks escaped. */
    private static void copyValue(StringBuilder text, String value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
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
