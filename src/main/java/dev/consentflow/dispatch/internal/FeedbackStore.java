package dev.consentflow.dispatch.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.BatchFeedback;
import dev.consentflow.dispatch.FeedbackEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The feedback tables: reports about sent messages, paused batches. One named statement per method. */
@Component
class FeedbackStore {

    private final JdbcClient jdbc;

    FeedbackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The outbox message a report names. */
    record Sent(UUID id, AccountId account, UUID subscriberId, UUID subscriptionId, String batchId) {
    }

    Optional<Sent> message(UUID messageId) {
        return jdbc.sql(Sql.FEEDBACK_MESSAGE).param("messageId", messageId)
                .query((rs, n) -> new Sent(rs.getObject("id", UUID.class),
                        new AccountId(rs.getObject("account_id", UUID.class)), rs.getObject("subscriber_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class), rs.getString("batch_id")))
                .optional();
    }

    /** Answers false when this (source, event id) was recorded before. */
    boolean insert(FeedbackEvent event, Sent message, String diagnostic) {
        return jdbc.sql(Sql.INSERT_FEEDBACK)
                .param("source", event.source()).param("eventId", event.eventId())
                .param("messageId", message.id()).param("accountId", message.account().value())
                .param("subscriberId", message.subscriberId()).param("subscriptionId", message.subscriptionId())
                .param("batchId", message.batchId()).param("kind", event.kind().name())
                .param("diagnostic", diagnostic).param("occurredAt", Timestamp.from(event.at()))
                .query(UUID.class).optional().isPresent();
    }

    long softBouncedMessages(UUID subscriptionId, Instant since) {
        return jdbc.sql(Sql.COUNT_SOFT_BOUNCES).param("subscriptionId", subscriptionId)
                .param("since", Timestamp.from(since)).query(Long.class).single();
    }

    BatchFeedback batch(String batchId) {
        return jdbc.sql(Sql.BATCH_FEEDBACK).param("batchId", batchId)
                .query((rs, n) -> new BatchFeedback(rs.getLong("handed"), rs.getLong("hard_bounces"),
                        rs.getLong("soft_bounces"), rs.getLong("complaints"), rs.getBoolean("paused")))
                .single();
    }

    /** Pauses the batch and moves its waiting rows out of the workers' way; false when it was paused already. */
    boolean pause(AccountId account, String batchId, String reason) {
        boolean paused = jdbc.sql(Sql.PAUSE_BATCH).param("batchId", batchId).param("accountId", account.value())
                .param("reason", reason).query(String.class).optional().isPresent();
        if (paused) {
            jdbc.sql(Sql.HOLD_PAUSED).param("batchId", batchId).param("accountId", account.value()).update();
        }
        return paused;
    }

    boolean resume(AccountId account, String batchId) {
        boolean resumed = jdbc.sql(Sql.RESUME_BATCH).param("batchId", batchId).param("accountId", account.value())
                .query(String.class).optional().isPresent();
        if (resumed) {
            jdbc.sql(Sql.RELEASE_PAUSED).param("batchId", batchId).param("accountId", account.value()).update();
        }
        return resumed;
    }

    double complaintRate(AccountId account) {
        return jdbc.sql(Sql.COMPLAINT_RATE).param("accountId", account.value()).query(Double.class).single();
    }

    Map<UUID, Double> complaintRates() {
        Map<UUID, Double> rates = new HashMap<>();
        jdbc.sql(Sql.COMPLAINT_RATES).query(rs -> {
            rates.put(rs.getObject("account_id", UUID.class), rs.getDouble("rate"));
        });
        return rates;
    }

    private static final class Sql {
        static final String FEEDBACK_MESSAGE = NamedSql.read("dispatch", "feedback-message");
        static final String INSERT_FEEDBACK = NamedSql.read("dispatch", "insert-feedback");
        static final String COUNT_SOFT_BOUNCES = NamedSql.read("dispatch", "count-soft-bounces");
        static final String BATCH_FEEDBACK = NamedSql.read("dispatch", "batch-feedback");
        static final String PAUSE_BATCH = NamedSql.read("dispatch", "pause-batch");
        static final String HOLD_PAUSED = NamedSql.read("dispatch", "hold-paused");
        static final String RESUME_BATCH = NamedSql.read("dispatch", "resume-batch");
        static final String RELEASE_PAUSED = NamedSql.read("dispatch", "release-paused");
        static final String COMPLAINT_RATE = NamedSql.read("dispatch", "complaint-rate");
        static final String COMPLAINT_RATES = NamedSql.read("dispatch", "complaint-rates");
    }
}
