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

/**
 * Signup rate limits, per client IP per minute and per address per hour, counted in PostgreSQL so every node
 * sees the same counts. Buckets are HMACs (never the IP or the address), counted by a statement of their own
 * ({@link RateLimitCounter}): a signup that fails later still counts, as it should for a limit.
 */
@Component
class SignupLimits {

    private static final Duration IP_WINDOW = Duration.ofMinutes(1);
    private static final Duration ADDRESS_WINDOW = Duration.ofHours(1);
    private static final String KEY_PURPOSE = "subscription.rate-limit";

    private final RateLimitRepository limits;
    private final RateLimitCounter counter;
    private final SignupSettings settings;
    private final KeyRing keys;

    SignupLimits(RateLimitRepository limits, RateLimitCounter counter, SignupSettings settings, KeyRing keys) {
        this.limits = limits;
        this.counter = counter;
        this.settings = settings;
        this.keys = keys;
    }

    /**
     * Counts the signup; refuses it with 429 and the time until its window ends when a limit is reached. Both
     * counts are one statement of their own (the client IP's row is the hot one, locked only for that statement);
     * a signup refused for its IP does not count for its address.
     */
    void check(String clientIp, String address) {
        Instant now = Instant.now();
        RateLimitCounter.Counted counted = counter.count(bucket("ip:" + clientIp), now.minus(IP_WINDOW),
                settings.ratePerIp(), bucket("address:" + address.toLowerCase(java.util.Locale.ROOT)),
                now.minus(ADDRESS_WINDOW), now);
        refuseOver(counted.ip(), IP_WINDOW, settings.ratePerIp(), now,
                "Too many signups from your network; please try again later");
        refuseOver(counted.address(), ADDRESS_WINDOW, settings.ratePerAddress(), now,
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
