package dev.consentflow.subscription.internal;

import dev.consentflow.NamedSql;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A new confirmation request and a new link, written with statements of their own instead of the aggregates'
 * inserts (every signup writes both: the profile of the form post found the aggregates' SQL rendering above the
 * cost of the statements). Reads and changes stay with the repositories.
 */
@Component
class ConfirmationRows {

    private static final String INSERT_REQUEST = NamedSql.read("subscription", "insert-confirmation-request");
    private static final String INSERT_TOKEN = NamedSql.read("subscription", "insert-confirmation-token");

    private final JdbcClient jdbc;

    ConfirmationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConfirmationRequest r) {
        jdbc.sql(INSERT_REQUEST)
                .param("processInstanceId", r.processInstanceId())
                .param("purpose", r.purpose().name())
                .param("requestId", r.requestId())
                .param("accountId", r.accountId())
                .param("subscriberId", r.subscriberId())
                .param("subscriptionId", r.subscriptionId())
                .param("tombstoneId", r.tombstoneId())
                .param("resubscriptionId", r.resubscriptionId())
                .param("listKey", r.listKey())
                .param("channel", r.channel().name())
                .param("state", r.state().name())
                .param("createdAt", at(r.createdAt()))
                .param("lastRequestedAt", at(r.lastRequestedAt()))
                .update();
    }

    void insert(ConfirmationToken token) {
        jdbc.sql(INSERT_TOKEN)
                .param("tokenHash", token.tokenHash())
                .param("purpose", token.purpose().name())
                .param("processInstanceId", token.processInstanceId())
                .param("createdAt", at(token.createdAt()))
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
