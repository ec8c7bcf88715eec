package dev.consentflow.subscription.internal;

import java.time.Instant;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface RateLimitRepository extends Repository<RateLimit, byte[]> {

    /** Counts one hit, starting a new window when the old one is over; one statement, so safe on every node. */
    @Query("""
            insert into subscription_rate_limit as r (bucket, window_start, hits) values (:bucket, :now, 1)
            on conflict (bucket) do update set
              hits = case when r.window_start <= :windowStartedBefore then 1 else r.hits + 1 end,
              window_start = case when r.window_start <= :windowStartedBefore then :now else r.window_start end
            returning *""")
    RateLimit hit(byte[] bucket, Instant now, Instant windowStartedBefore);

    @Modifying
    @Query("delete from subscription_rate_limit where window_start < :before")
    int forgetWindowsBefore(Instant before);
}
