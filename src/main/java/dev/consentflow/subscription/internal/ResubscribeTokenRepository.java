package dev.consentflow.subscription.internal;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface ResubscribeTokenRepository extends Repository<ResubscribeToken, byte[]> {

    @Query("select * from subscription_resubscribe_token where token_hash = :tokenHash")
    Optional<ResubscribeToken> findByHash(byte[] tokenHash);
}
