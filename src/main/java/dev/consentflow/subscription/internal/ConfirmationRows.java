package dev.consentflow.subscription.internal;

import dev.consentflow.NamedSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
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
    private static final String INSERT_REQUEST_WITH_LINK =
            NamedSql.read("subscription", "insert-confirmation-request-with-link");
    private static final String INSERT_TOKEN_WITH_WORDING =
            NamedSql.read("subscription", "insert-confirmation-token-with-wording");

    private final JdbcClient jdbc;

    ConfirmationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConfirmationRequest r) {
        request(jdbc.sql(INSERT_REQUEST), r).update();
    }

    /**
     * A new request with its first link, reading in the same statement the list's own wording of the mail kind that
     * carries the link (empty: it has none), as {@link ListMails#override} reads it.
     */
    Optional<MailTemplate> insertWithLink(ConfirmationRequest r, ConfirmationToken token, UUID listId, MailKind kind) {
        return request(jdbc.sql(INSERT_REQUEST_WITH_LINK), r)
                .param("tokenHash", token.tokenHash())
                .param("tokenCreatedAt", at(token.createdAt()))
                .param("listId", listId)
                .param("kind", kind.code())
                .query((rs, row) -> {
                    if (rs.getInt("requested") != 1) {
                        throw new IllegalStateException("the confirmation request was not stored");
                    }
                    return wording(rs);
                })
                .single();
    }

    private static JdbcClient.StatementSpec request(JdbcClient.StatementSpec statement, ConfirmationRequest r) {
        return statement
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
                .param("lastRequestedAt", at(r.lastRequestedAt()));
    }

    void insert(ConfirmationToken token) {
        token(jdbc.sql(INSERT_TOKEN), token).update();
    }

    private static JdbcClient.StatementSpec token(JdbcClient.StatementSpec statement, ConfirmationToken token) {
        return statement
                .param("tokenHash", token.tokenHash())
                .param("purpose", token.purpose().name())
                .param("processInstanceId", token.processInstanceId())
                .param("createdAt", at(token.createdAt()));
    }

    /**
     * As {@link #insert(ConfirmationToken)}, reading in the same statement the list's own wording of the mail kind
     * that carries the link (empty: it has none), as {@link ListMails#override} reads it.
     */
    Optional<MailTemplate> insertWithWording(ConfirmationToken token, UUID listId, MailKind kind) {
        return token(jdbc.sql(INSERT_TOKEN_WITH_WORDING), token)
                .param("listId", listId)
                .param("kind", kind.code())
                .query((rs, row) -> wording(rs))
                .single();
    }

    /** The link's insert's count (checked: one row) and the wording a statement read with it. */
    private static Optional<MailTemplate> wording(ResultSet rs) throws SQLException {
        if (rs.getInt("made") != 1) {
            throw new IllegalStateException("the confirmation link was not stored");
        }
        String subject = rs.getString("subject");
        return Optional.ofNullable(subject == null ? null
                : new MailTemplate(subject, rs.getString("html"), rs.getString("text")));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
