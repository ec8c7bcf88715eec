package dev.consentflow.subscription.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.dispatch.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
 * cost of the statements), and a click's lock of its request, read by hand ({@link #lockSignupOfLink}). Other reads
 * and changes stay with the repositories.
 */
@Component
class ConfirmationRows {

    private static final String INSERT_REQUEST = NamedSql.read("subscription", "insert-confirmation-request");
    private static final String INSERT_TOKEN = NamedSql.read("subscription", "insert-confirmation-token");
    private static final String INSERT_REQUEST_WITH_LINK =
            NamedSql.read("subscription", "insert-confirmation-request-with-link");
    private static final String INSERT_TOKEN_WITH_WORDING =
            NamedSql.read("subscription", "insert-confirmation-token-with-wording");

    /**
     * The request a signup's link leads to, found by the link's hash and locked in one statement (a click's look-up
     * and lock were two). A resubscription's link is not found here: its click takes the address's lock first.
     */
    private static final String LOCK_SIGNUP_OF_LINK = """
            select r.* from subscription_confirmation_request r
              join subscription_confirmation_request_token t on t.process_instance_id = r.process_instance_id
             where t.token_hash = :signupHash and t.purpose = 'SIGNUP' and r.purpose = 'SIGNUP'
               for update of r""";

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

    /**
     * The request a signup's link leads to, locked (see {@link #LOCK_SIGNUP_OF_LINK}); empty when the hash is no
     * signup's link. Every confirmation click runs it first.
     */
    Optional<ConfirmationRequest> lockSignupOfLink(byte[] signupHash) {
        return jdbc.sql(LOCK_SIGNUP_OF_LINK).param("signupHash", signupHash)
                .query((rs, row) -> requestOf(rs)).optional();
    }

    /**
     * A request from its row, as the repository's mapping reads it (ConfirmationRowsIT compares the two), by hand:
     * Spring Data's query method bound its parameter through the converter and mapped the row through
     * EntityRowMapper (reflection, a conversion per column) on every click, as the click's subscription lock did
     * before SubscriptionLifecycle read it by hand.
     */
    static ConfirmationRequest requestOf(ResultSet rs) throws SQLException {
        return new ConfirmationRequest(rs.getString("process_instance_id"),
                ConfirmationPurpose.valueOf(rs.getString("purpose")), rs.getObject("request_id", UUID.class),
                rs.getObject("account_id", UUID.class), rs.getObject("subscriber_id", UUID.class),
                rs.getObject("subscription_id", UUID.class), rs.getObject("tombstone_id", UUID.class),
                rs.getObject("resubscription_id", UUID.class), rs.getString("list_key"),
                Channel.valueOf(rs.getString("channel")), ConfirmationRequest.State.valueOf(rs.getString("state")),
                instant(rs, "created_at"), instant(rs, "last_requested_at"), instant(rs, "confirmed_at"),
                rs.getBytes("click_evidence"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
