package dev.consentflow.dispatch.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.DeliveryHistory;
import dev.consentflow.dispatch.MailingNames;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.SentMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link DeliveryHistory} on {@code dispatch_delivery}, which a trigger of the outbox fills in the transaction that
 * ends each message (V110): so every way a message ends is recorded, and nothing here depends on the outbox row
 * still existing. Mailings are named by the {@link MailingNames} of the module that makes them, when there is one.
 */
@Component
class DeliveryLog implements DeliveryHistory {

    private static final String PERSON = NamedSql.read("dispatch", "person-deliveries");
    private static final String COUNT = NamedSql.read("dispatch", "count-person-deliveries");
    private static final String FORGET = NamedSql.read("dispatch", "forget-person-deliveries");

    private final JdbcClient jdbc;
    private final LedgerRetentionProperties ledger;
    private final List<MailingNames> names;

    DeliveryLog(JdbcClient jdbc, List<MailingNames> names, LedgerRetentionProperties ledger) {
        this.jdbc = jdbc;
        this.names = names;
        this.ledger = ledger;
    }

    @Override
    public Duration ledgerRetention() {
        return ledger.retention();
    }

    @Override
    @Transactional(readOnly = true)
    public List<SentMessage> of(AccountId account, UUID subscriberId) {
        List<SentMessage> newestFirst = read(account, subscriberId, Integer.MAX_VALUE);
        List<SentMessage> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    @Transactional(readOnly = true)
    public Recent recent(AccountId account, UUID subscriberId, int limit) {
        List<SentMessage> newest = read(account, subscriberId, limit);
        long total = newest.size() < limit ? newest.size()
                : jdbc.sql(COUNT).param("accountId", account.value()).param("subscriberId", subscriberId)
                .query(Long.class).single();
        return new Recent(newest, total);
    }

    @Override
    @Transactional
    public int forget(AccountId account, UUID subscriberId) {
        return jdbc.sql(FORGET).param("accountId", account.value()).param("subscriberId", subscriberId).update();
    }

    @Override
    public Map<String, String> mailingNames(AccountId account, Collection<String> batchIds) {
        Set<String> wanted = batchIds.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, String> named = new HashMap<>();
        if (!wanted.isEmpty()) {
            names.forEach(n -> named.putAll(n.batches(account, wanted)));
        }
        return named;
    }

    private List<SentMessage> read(AccountId account, UUID subscriberId, int limit) {
        List<SentMessage> messages = jdbc.sql(PERSON).param("accountId", account.value())
                .param("subscriberId", subscriberId).param("limit", limit)
                .query((rs, n) -> message(rs)).list();
        Map<String, String> batches = mailingNames(account, messages.stream().map(SentMessage::batchId).toList());
        Set<UUID> single = messages.stream().filter(m -> m.batchId() == null).map(SentMessage::messageId)
                .collect(Collectors.toSet());
        Map<UUID, String> singles = new HashMap<>();
        if (!single.isEmpty()) {
            names.forEach(n -> singles.putAll(n.messages(account, single)));
        }
        return messages.stream().map(m -> m.named(m.batchId() != null ? batches.get(m.batchId())
                : singles.get(m.messageId()))).toList();
    }

    private static SentMessage message(ResultSet rs) throws SQLException {
        return new SentMessage(rs.getObject("message_id", UUID.class), rs.getObject("subscription_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), Purpose.valueOf(rs.getString("purpose")),
                rs.getString("batch_id"), null, MessageState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                rs.getTimestamp("queued_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
                rs.getString("answer"));
    }
}
