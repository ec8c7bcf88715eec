package dev.consentflow.subscription.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.RowMapper;

interface UnsubscribeTokenRepository extends Repository<UnsubscribeToken, UUID> {

    @Query("select * from subscription_unsubscribe_token where subscription_id = :subscriptionId")
    Optional<UnsubscribeToken> findBySubscriptionId(UUID subscriptionId);

    @Query("select * from subscription_unsubscribe_token where subscription_id in (:subscriptionIds)")
    java.util.List<UnsubscribeToken> findBySubscriptionIds(java.util.Collection<UUID> subscriptionIds);

    @Query("select * from subscription_unsubscribe_token where token_hash = :tokenHash")
    Optional<UnsubscribeToken> findByHash(byte[] tokenHash);

    /** Stores a new token unless the subscription has one already (a parallel first mail made it): 1 or 0. */
    @Modifying
    @Query("""
            insert into subscription_unsubscribe_token (subscription_id, account_id, token_hash, token_sealed, key_version)
            values (:subscriptionId, :accountId, :tokenHash, :tokenSealed, :keyVersion)
            on conflict (subscription_id) do nothing""")
    int insertIfAbsent(UUID subscriptionId, UUID accountId, byte[] tokenHash, byte[] tokenSealed, int keyVersion);

    /**
     * As {@link #insertIfAbsent}, reading in the same statement the list's own wording of the mail kind that carries
     * the token's link (a welcome's): one round trip where there were two.
     */
    @Query(value = """
            with made as (
                insert into subscription_unsubscribe_token (subscription_id, account_id, token_hash, token_sealed, key_version)
                values (:subscriptionId, :accountId, :tokenHash, :tokenSealed, :keyVersion)
                on conflict (subscription_id) do nothing
                returning 1)
            select (select count(*) from made) as made, t.subject, t.html, t.text
              from (values (1)) as one (x)
              left join subscription_mail_template t on t.list_id = :listId and t.kind = :kind""",
            rowMapperClass = InsertedWithWording.Rows.class)
    InsertedWithWording insertIfAbsentWithWording(UUID subscriptionId, UUID accountId, byte[] tokenHash,
                                                  byte[] tokenSealed, int keyVersion, UUID listId, String kind);

    /**
     * As {@link #insertIfAbsentWithWording}, and in the same statement a clicked confirmation request's write by its
     * confirm step (as {@code ConfirmationRequestRepository.confirmedAndHandedOver}): the rows it changed, 1 or 0.
     * Sent by {@link UnsubscribeTokens} through a {@code JdbcClient}, not as a query method: every click sends it, and
     * Spring Data bound its ten parameters through its converter and reflection each time (two thirds of the welcome
     * token's samples in SignupConfirmCostBench's profile).
     */
    String HAND_OVER_AND_INSERT_IF_ABSENT_WITH_WORDING = """
            with handed as (
                update subscription_confirmation_request set state = 'CONFIRMED', confirmed_at = :at,
                       click_evidence = null, subscriber_id = :subscriberId
                 where process_instance_id = :processInstanceId and state = 'WAITING'
                returning 1),
            made as (
                insert into subscription_unsubscribe_token (subscription_id, account_id, token_hash, token_sealed, key_version)
                values (:subscriptionId, :accountId, :tokenHash, :tokenSealed, :keyVersion)
                on conflict (subscription_id) do nothing
                returning 1)
            select (select count(*) from handed) as handed, (select count(*) from made) as made, t.subject, t.html, t.text
              from (values (1)) as one (x)
              left join subscription_mail_template t on t.list_id = :listId and t.kind = :kind""";

    /** The rows the hand-over changed (1 or 0), and what {@link #insertIfAbsentWithWording} answers. */
    record HandedOverAndInserted(int handed, InsertedWithWording inserted) {

        /** The row of {@link #HAND_OVER_AND_INSERT_IF_ABSENT_WITH_WORDING}. */
        static final class Rows implements RowMapper<HandedOverAndInserted> {
            private final InsertedWithWording.Rows inserted = new InsertedWithWording.Rows();

            @Override
            public HandedOverAndInserted mapRow(ResultSet rs, int row) throws SQLException {
                return new HandedOverAndInserted(rs.getInt("handed"), inserted.mapRow(rs, row));
            }
        }
    }

    /** Whether the token was stored (1) or the subscription had one (0), and the list's own wording (or null). */
    record InsertedWithWording(int made, MailTemplate wording) {

        /** The row of {@link #insertIfAbsentWithWording}. */
        static final class Rows implements RowMapper<InsertedWithWording> {
            @Override
            public InsertedWithWording mapRow(ResultSet rs, int row) throws SQLException {
                String subject = rs.getString("subject");
                return new InsertedWithWording(rs.getInt("made"), subject == null ? null
                        : new MailTemplate(subject, rs.getString("html"), rs.getString("text")));
            }
        }
    }

    /** An erased person's links: the subscriptions stay as evidence, their links go. */
    @Modifying
    @Query("delete from subscription_unsubscribe_token where account_id = :accountId and subscription_id in (:subscriptionIds)")
    int deleteOfSubscriptions(UUID accountId, java.util.Collection<UUID> subscriptionIds);
}
