package dev.consentflow.subscription.internal;

import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import dev.consentflow.web.TooManyRequestsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signup rate limits, per client IP per minute and per address per hour, counted in PostgreSQL so every node
 * sees the same counts. Buckets are HMACs (never the IP or the address), counted in a transaction of their own:
 * a signup that fails later still counts, as it should for a limit.
 */
@Component
class SignupLimits {

    private static final Duration IP_WINDOW = Duration.ofMinutes(1);
    private static final Duration ADDRESS_WINDOW = Duration.ofHours(1);
    private static final String KEY_PURPOSE = "subscription.rate-limit";

    private final RateLimitRepository limits;
    private final SignupSettings settings;
    private final KeyRing keys;
    private final TransactionTemplate ownTransaction;

    SignupLimits(RateLimitRepository limits, SignupSettings settings, KeyRing keys,
                 PlatformTransactionManager transactionManager) {
        this.limits = limits;
        this.settings = settings;
        this.keys = keys;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Counts the signup; refuses it with 429 and the time until its window ends when a limit is reached. Both
     * counts are one transaction (one commit: the client IP's row is the hot one, locked until the commit); a
     * signup refused for its IP does not count for its address.
     */
    void check(String clientIp, String address) {
        Instant now = Instant.now();
        byte[] ipBucket = bucket("ip:" + clientIp);
        byte[] addressBucket = bucket("address:" + address.toLowerCase(java.util.Locale.ROOT));
        RateLimit[] counted = ownTransaction.execute(s -> {
            RateLimit ip = limits.hit(ipBucket, now, now.minus(IP_WINDOW));
            return ip.hits() > settings.ratePerIp() ? new RateLimit[] {ip, null}
                    : new RateLimit[] {ip, limits.hit(addressBucket, now, now.minus(ADDRESS_WINDOW))};
        });
        refuseOver(counted[0], IP_WINDOW, settings.ratePerIp(), now,
                "Too many signups from your network; please try again later");
        refuseOver(counted[1], ADDRESS_WINDOW, settings.ratePerAddress(), now,
                "Too many signups for this address; please try again later");
    }

    private byte[] bucket(String what) {
        return Sealing.hmac(keys.derive(KEY_PURPOSE, keys.currentVersion()), what.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuseOver(RateLimit counted, Duration window, int limit, Instant now, String message) {
        if (counted != null && counted.hits() > limit) {
            throw new TooManyRequestsException(message, Duration.between(now, counted.windowStart().plus(window)));
        }
    }

    /** Windows older than the longest one count for nothing; deleting them twice on two nodes is harmless. */
    @Scheduled(fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS, initialDelay = 1)
    void forgetOldWindows() {
        limits.forgetWindowsBefore(Instant.now().minus(ADDRESS_WINDOW).truncatedTo(ChronoUnit.SECONDS));
    }
}
