package dev.consentflow.subscription.internal;

import dev.consentflow.NamedSql;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts a signup against the limits of its client IP and its address in one statement, outside any
 * transaction: one round trip and no transaction to begin and commit on the form post's thread, and a commit that
 * does not wait for the WAL's flush (see {@code count-signup.sql} for what a crash of PostgreSQL can cost a limit).
 */
@Component
class RateLimitCounter {

    private static final String COUNT = NamedSql.read("subscription", "count-signup");

    private final JdbcClient jdbc;

    RateLimitCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The two counters after this hit; the address's is null when the IP was already over its limit. */
    record Counted(RateLimit ip, RateLimit address) {
    }

    /** One window per bucket; a bucket whose window started at or before {@code ...StartedBefore} starts anew. */
    Counted count(byte[] ipBucket, Instant ipWindowStartedBefore, int ipLimit, byte[] addressBucket,
                  Instant addressWindowStartedBefore, Instant now) {
        return jdbc.sql(COUNT)
                .param("ipBucket", ipBucket).param("addressBucket", addressBucket)
                .param("now", Timestamp.from(now)).param("ipLimit", ipLimit)
                .param("ipWindowStartedBefore", Timestamp.from(ipWindowStartedBefore))
                .param("addressWindowStartedBefore", Timestamp.from(addressWindowStartedBefore))
                // Its commit need not wait for the disk only when it is its own transaction (see the statement).
                .param("alone", !TransactionSynchronizationManager.isActualTransactionActive())
                .query((rs, row) -> {
                    RateLimit ip = new RateLimit(ipBucket, rs.getTimestamp("ip_window_start").toInstant(),
                            rs.getInt("ip_hits"));
                    Timestamp addressStart = rs.getTimestamp("address_window_start");
                    RateLimit address = addressStart == null ? null
                            : new RateLimit(addressBucket, addressStart.toInstant(), rs.getInt("address_hits"));
                    return new Counted(ip, address);
                })
                .single();
    }
}
