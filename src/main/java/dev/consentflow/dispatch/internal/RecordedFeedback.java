package dev.consentflow.dispatch.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.DeliveryFeedback;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.RecipientDirectory;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Fallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The simple {@link DeliveryFeedback}: each report once (per source and event id), a hard bounce makes the
 * subscription BOUNCED at once, a complaint unsubscribes the person from the brand's lists, a soft bounce is only
 * recorded. A fallback bean: the full rules (soft bounces counted, campaigns pausing themselves) replace it by
 * defining a {@link DeliveryFeedback} of their own.
 */
@Component
@Fallback
class RecordedFeedback implements DeliveryFeedback {

    private static final String MESSAGE = NamedSql.read("dispatch", "feedback-message");
    private static final String INSERT = NamedSql.read("dispatch", "insert-feedback");
    private static final int MAX_DIAGNOSTIC = 500;

    private final JdbcClient jdbc;
    private final RecipientDirectory directory;

    RecordedFeedback(JdbcClient jdbc, RecipientDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    private record Sent(AccountId account, UUID subscriberId, UUID subscriptionId) {
    }

    @Override
    public boolean record(FeedbackEvent event) {
        Optional<Sent> sent = jdbc.sql(MESSAGE).param("id", event.messageId())
                .query((rs, n) -> new Sent(new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getObject("subscriber_id", UUID.class), rs.getObject("subscription_id", UUID.class)))
                .optional();
        if (sent.isEmpty()) {
            return false;
        }
        String diagnostic = Delivery.soft(event.diagnostic()).redactedAnswer();
        boolean isNew = jdbc.sql(INSERT)
                .param("source", event.source())
                .param("eventId", event.eventId())
                .param("messageId", event.messageId())
                .param("kind", event.kind().name())
                .param("diagnostic", diagnostic.length() > MAX_DIAGNOSTIC ? diagnostic.substring(0, MAX_DIAGNOSTIC)
                        : diagnostic)
                .param("reportedAt", Timestamp.from(event.at()))
                .update() == 1;
        if (!isNew) {
            return false;
        }
        Sent message = sent.get();
        switch (event.kind()) {
            case HARD_BOUNCE -> directory.bounced(message.account(), message.subscriberId(), message.subscriptionId(),
                    diagnostic);
            case COMPLAINT -> directory.complained(message.account(), message.subscriberId(),
                    message.subscriptionId(), event.source());
            case SOFT_BOUNCE -> {
                // recorded only: counting soft bounces is the rules' part
            }
        }
        return true;
    }
}
