package dev.consentflow.subscription.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
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
