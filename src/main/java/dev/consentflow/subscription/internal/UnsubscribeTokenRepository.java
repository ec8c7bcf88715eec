package dev.consentflow.subscription.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

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

    /** An erased person's links: the subscriptions stay as evidence, their links go. */
    @Modifying
    @Query("delete from subscription_unsubscribe_token where account_id = :accountId and subscription_id in (:subscriptionIds)")
    int deleteOfSubscriptions(UUID accountId, java.util.Collection<UUID> subscriptionIds);
}
