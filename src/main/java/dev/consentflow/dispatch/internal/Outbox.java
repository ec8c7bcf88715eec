package dev.consentflow.dispatch.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.Purpose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox table. Every statement is one SQL statement from {@code sql/dispatch/}, atomic on its own; the
 * ones that change a claimed row check that this node still holds it, so a node that lost its lease can never
 * overwrite what another node or the lease recovery decided.
 */
@Component
class Outbox {

    /** Messages a statement of insert-messages: a campaign's page is one. */
    static final int ROWS_PER_INSERT = 1000;

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewRow(UUID id, AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                  Purpose purpose, String batchId, String listId, int keyVersion, byte[] sealedContent) {
    }

    record QueueStats(long queued, double oldestAgeSeconds) {
    }

    void insert(NewRow row) {
        jdbc.sql(Sql.INSERT_MESSAGE)
                .param("id", row.id())
                .param("accountId", row.account().value())
                .param("subscriberId", row.subscriberId())
                .param("subscriptionId", row.subscriptionId())
                .param("channel", row.channel().name())
                .param("purpose", row.purpose().name())
                .param("batchId", row.batchId())
                .param("listId", row.listId())
                .param("keyVersion", row.keyVersion())
                .param("sealedContent", row.sealedContent())
                .update();
    }

    /**
     * Many rows in one statement per {@link #ROWS_PER_INSERT} (a campaign's page: one round trip, one plan), each
     * column as one array.
     */
    void insertAll(List<NewRow> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<NewRow> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            int n = chunk.size();
            UUID[] ids = new UUID[n];
            UUID[] accounts = new UUID[n];
            UUID[] subscribers = new UUID[n];
            UUID[] subscriptions = new UUID[n];
            String[] channels = new String[n];
            String[] purposes = new String[n];
            String[] batches = new String[n];
            String[] lists = new String[n];
            int[] versions = new int[n];
            byte[][] sealed = new byte[n][];
            for (int i = 0; i < n; i++) {
                NewRow row = chunk.get(i);
                ids[i] = row.id();
                accounts[i] = row.account().value();
                subscribers[i] = row.subscriberId();
                subscriptions[i] = row.subscriptionId();
                channels[i] = row.channel().name();
                purposes[i] = row.purpose().name();
                batches[i] = row.batchId();
                lists[i] = row.listId();
                versions[i] = row.keyVersion();
                sealed[i] = row.sealedContent();
            }
            jdbc.sql(Sql.INSERT_MESSAGES)
                    .param("ids", ids).param("accountIds", accounts).param("subscriberIds", subscribers)
                    .param("subscriptionIds", subscriptions).param("channels", channels).param("purposes", purposes)
                    .param("batchIds", batches).param("listIds", lists).param("keyVersions", versions)
                    .param("sealed", sealed)
                    .update();
        }
    }

    List<OutboxRow> claimDue(Channel channel, String node, int limit, Duration lease) {
        return jdbc.sql(Sql.CLAIM_DUE)
                .param("node", node)
                .param("leaseSeconds", seconds(lease))
                .param("channel", channel.name())
                .param("limit", limit)
                .query((rs, n) -> new OutboxRow(
                        rs.getObject("id", UUID.class),
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getObject("subscriber_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class),
                        Channel.valueOf(rs.getString("channel")),
                        Purpose.valueOf(rs.getString("purpose")),
                        rs.getString("list_id"),
                        rs.getInt("attempts"),
                        rs.getInt("key_version"),
                        rs.getBytes("sealed_content")))
                .list();
    }

    /** Answers false when the row is no longer this node's to send, or the lease is too short for one send. */
    boolean markStarted(UUID id, String node, Duration sendBudget) {
        return markAllStarted(node, List.of(new Start(id, sendBudget))).contains(id);
    }

    /** A row about to be sent, with the lease it needs left for one whole send. */
    record Start(UUID id, Duration sendBudget) {
    }

    /**
     * {@link #markStarted} for many rows in one statement; answers the ids that started (the others are no longer
     * this node's to send, or have too little lease left).
     */
    Set<UUID> markAllStarted(String node, List<Start> starts) {
        if (starts.isEmpty()) {
            return Set.of();
        }
        List<Object> params = new ArrayList<>(starts.size() * 2 + 1);
        return new HashSet<>(jdbc.sql(startStatement(node, starts, params)).params(params).query(UUID.class).list());
    }

    /** mark-started for these rows; adds its parameters to {@code params}. */
    private static String startStatement(String node, List<Start> starts, List<Object> params) {
        StringBuilder rows = new StringBuilder();
        for (Start start : starts) {
            rows.append(rows.isEmpty() ? "" : ", ").append("(cast(? as uuid), cast(? as double precision))");
            params.add(start.id());
            params.add(seconds(start.sendBudget()));
        }
        params.add(node);
        return Sql.MARK_STARTED.replace("VALUES_ROWS", rows);
    }

    /**
     * A claimed row that {@link #markStarted} refused because its batch paused meanwhile goes back to the queue,
     * waiting for the resume; answers false when that was not the reason.
     */
    boolean holdBackPaused(UUID id, String node) {
        return jdbc.sql(Sql.HOLD_BACK_PAUSED).param("id", id).param("node", node).update() == 1;
    }

    /** A final state of one row. */
    record Final(UUID id, MessageState state, String answer) {
    }

    /**
     * Final states of many rows in one statement, each only while this node still holds the row; answers the ids
     * it held (and so recorded).
     */
    Set<UUID> finishAll(String node, List<Final> finals) {
        if (finals.isEmpty()) {
            return Set.of();
        }
        List<Object> params = new ArrayList<>(finals.size() * 3 + 1);
        return new HashSet<>(jdbc.sql(finishStatement(node, finals, params)).params(params).query(UUID.class).list());
    }

    /** finish-messages for these rows; adds its parameters to {@code params}. */
    private static String finishStatement(String node, List<Final> finals, List<Object> params) {
        StringBuilder rows = new StringBuilder();
        for (Final f : finals) {
            if (!f.state().isFinal()) {
                throw new IllegalArgumentException(f.state() + " is not a final state");
            }
            rows.append(rows.isEmpty() ? "" : ", ").append("(cast(? as uuid), cast(? as varchar), cast(? as varchar))");
            params.add(f.id());
            params.add(f.state().name());
            params.add(f.answer());
        }
        params.add(node);
        return Sql.FINISH_MESSAGES.replace("VALUES_ROWS", rows);
    }

    /** What {@link #startAndFinish} wrote: the ids that started, and the ids whose final state was recorded. */
    record Written(Set<UUID> started, Set<UUID> finished) {
    }

    /**
     * {@link #markAllStarted} and {@link #finishAll} in one statement (so one commit, one WAL flush and one firing
     * of the outbox's statement triggers serve both), each part with its own checks. Neither list may be empty.
     */
    Written startAndFinish(String node, List<Start> starts, List<Final> finals) {
        List<Object> params = new ArrayList<>(starts.size() * 2 + finals.size() * 3 + 2);
        String started = startStatement(node, starts, params);
        String finished = finishStatement(node, finals, params);
        Set<UUID> startedIds = new HashSet<>();
        Set<UUID> finishedIds = new HashSet<>();
        // PostgreSQL merges the two updates' rows into one transition table per statement trigger (fired once).
        jdbc.sql("with started as (\n" + started + "\n), finished as (\n" + finished + "\n)\n"
                        + "select id, true as started from started union all select id, false from finished")
                .params(params)
                .query(rs -> {
                    (rs.getBoolean("started") ? startedIds : finishedIds).add(rs.getObject("id", UUID.class));
                });
        return new Written(startedIds, finishedIds);
    }

    boolean retryLater(UUID id, String node, Duration delay, String answer) {
        return jdbc.sql(Sql.RETRY_LATER).param("id", id).param("node", node)
                .param("delaySeconds", seconds(delay)).param("answer", answer).update() == 1;
    }

    /** A claimed, unstarted row back to the queue, due after {@code delay}; not an attempt. */
    boolean defer(UUID id, String node, Duration delay) {
        return jdbc.sql(Sql.DEFER_UNSTARTED).param("id", id).param("node", node)
                .param("delaySeconds", seconds(delay)).update() == 1;
    }

    int requeueUnstarted() {
        return jdbc.sql(Sql.REQUEUE_UNSTARTED).update();
    }

    /**
     * The started rows whose lease ran out before their answer was recorded: list mail ends UNKNOWN; what
     * {@link Purpose#isSentAgainWhenUncertain()} is due again, unless it had all its {@code retries} (then UNKNOWN
     * too). The answer recorded tells another node's rows (it stopped, died or hung) from the recovering
     * {@code node}'s own (it was slower than its lease); of its own, the {@code unrecorded} ones, whose answer it
     * has and is about to record, are left alone.
     */
    StartedRecovered recoverStarted(String node, int retries, Set<UUID> unrecorded) {
        List<String> resent = Arrays.stream(Purpose.values()).filter(Purpose::isSentAgainWhenUncertain)
                .map(Purpose::name).toList();
        List<String> states = jdbc.sql(Sql.RECOVER_STARTED).param("node", node).param("resent", resent)
                .param("retries", retries)
                .param("unrecorded", unrecorded.stream().map(UUID::toString).toArray(String[]::new))
                .query(String.class).list();
        int unknown = (int) states.stream().filter(MessageState.UNKNOWN.name()::equals).count();
        return new StartedRecovered(states.size() - unknown, unknown);
    }

    record StartedRecovered(int sentAgain, int unknown) {
    }

    int releaseUnstarted(String node) {
        return jdbc.sql(Sql.RELEASE_UNSTARTED).param("node", node).update();
    }

    int suppressQueued(AccountId account, UUID subscriberId) {
        return jdbc.sql(Sql.SUPPRESS_QUEUED).param("accountId", account.value()).param("subscriberId", subscriberId)
                .update();
    }

    Map<MessageState, Long> countByState(String batchId) {
        Map<MessageState, Long> counts = new EnumMap<>(MessageState.class);
        jdbc.sql(Sql.LEDGER).param("batchId", batchId)
                .query(rs -> {
                    counts.put(MessageState.valueOf(rs.getString("state")), rs.getLong("messages"));
                });
        return counts;
    }

    Optional<MessageState> state(AccountId account, UUID id) {
        return jdbc.sql(Sql.MESSAGE_STATE).param("id", id).param("accountId", account.value())
                .query(String.class).optional().map(MessageState::valueOf);
    }

    QueueStats queueStats() {
        return jdbc.sql(Sql.QUEUE_STATS)
                .query((rs, n) -> new QueueStats(rs.getLong("queued"), rs.getDouble("oldest_age_seconds")))
                .single();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The named statements of {@code src/main/resources/sql/dispatch/}, read once. */
    private static final class Sql {
        static final String INSERT_MESSAGE = NamedSql.read("dispatch", "insert-message");
        static final String INSERT_MESSAGES = NamedSql.read("dispatch", "insert-messages");
        static final String HOLD_BACK_PAUSED = NamedSql.read("dispatch", "hold-back-paused");
        static final String CLAIM_DUE = NamedSql.read("dispatch", "claim-due");
        static final String MARK_STARTED = NamedSql.read("dispatch", "mark-started");
        static final String FINISH_MESSAGES = NamedSql.read("dispatch", "finish-messages");
        static final String RETRY_LATER = NamedSql.read("dispatch", "retry-later");
        static final String DEFER_UNSTARTED = NamedSql.read("dispatch", "defer-unstarted");
        static final String REQUEUE_UNSTARTED = NamedSql.read("dispatch", "requeue-unstarted");
        static final String RECOVER_STARTED = NamedSql.read("dispatch", "recover-started");
        static final String RELEASE_UNSTARTED = NamedSql.read("dispatch", "release-unstarted");
        static final String SUPPRESS_QUEUED = NamedSql.read("dispatch", "suppress-queued");
        static final String LEDGER = NamedSql.read("dispatch", "ledger");
        static final String MESSAGE_STATE = NamedSql.read("dispatch", "message-state");
        static final String QUEUE_STATS = NamedSql.read("dispatch", "queue-stats");
    }
}
