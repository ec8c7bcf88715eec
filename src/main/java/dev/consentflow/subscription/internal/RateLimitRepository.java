package dev.consentflow.subscription.internal;

import java.time.Instant;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface RateLimitRepository extends Repository<RateLimit, byte[]> {

    @Modifying
    @Query("delete from subscription_rate_limit where window_start < :before")
    int forgetWindowsBefore(Instant before);
}
