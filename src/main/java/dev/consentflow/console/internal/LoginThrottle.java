package dev.consentflow.console.internal;

import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins, counted per address and per client IP in fixed windows in PostgreSQL (every node sees the same
 * counts), the way the signup limits count. Once either count is over its limit, sign-ins from that IP or for that
 * address are refused, right password or not, until the window ends. Buckets are HMACs, never the address or IP.
 */
@Component
class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_USER = 5;
    static final int PER_IP = 20;
    private static final String KEY_PURPOSE = "console.login-limit";

    private final JdbcClient jdbc;
    private final KeyRing keys;
    private final TransactionTemplate ownTransaction;

    LoginThrottle(JdbcClient jdbc, KeyRing keys, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Whether sign-ins for this address or from this IP are refused for now. */
    boolean isBlocked(String email, String ip) {
        Instant since = Instant.now().minus(WINDOW);
        return failures(bucket("user:" + normal(email)), since) >= PER_USER
                || failures(bucket("ip:" + ip), since) >= PER_IP;
    }

    /** Counts a failed sign-in, in a transaction of its own (it counts even when the request fails later). */
    void failed(String email, String ip) {
        Instant now = Instant.now();
        ownTransaction.executeWithoutResult(s -> {
            hit(bucket("user:" + normal(email)), now);
            hit(bucket("ip:" + ip), now);
        });
    }

    private int failures(byte[] bucket, Instant since) {
        return jdbc.sql("select hits from console_login_limit where bucket = :bucket and window_start > :since")
                .param("bucket", bucket).param("since", java.sql.Timestamp.from(since))
                .query(Integer.class).optional().orElse(0);
    }

    private void hit(byte[] bucket, Instant now) {
        jdbc.sql("""
                        insert into console_login_limit as l (bucket, window_start, hits) values (:bucket, :now, 1)
                        on conflict (bucket) do update set
                          hits = case when l.window_start <= :expired then 1 else l.hits + 1 end,
                          window_start = case when l.window_start <= :expired then :now else l.window_start end""")
                .param("bucket", bucket).param("now", java.sql.Timestamp.from(now))
                .param("expired", java.sql.Timestamp.from(now.minus(WINDOW))).update();
    }

    private byte[] bucket(String what) {
        return Sealing.hmac(keys.derive(KEY_PURPOSE, keys.currentVersion()), what.getBytes(StandardCharsets.UTF_8));
    }

    private static String normal(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 1)
    void forgetOldWindows() {
        jdbc.sql("delete from console_login_limit where window_start < :before")
                .param("before", java.sql.Timestamp.from(Instant.now().minus(WINDOW).truncatedTo(ChronoUnit.SECONDS)))
                .update();
    }
}
