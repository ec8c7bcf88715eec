package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.consentflow.web.TooManyRequestsException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignupLimitsTest {

    private final RateLimitCounter counter = mock(RateLimitCounter.class);
    private final SignupLimits limits = new SignupLimits(mock(RateLimitRepository.class), counter,
            new SignupSettings(30, 10, Duration.ofMinutes(10), Duration.ofDays(3), Duration.ofDays(7)),
            new TestKeyRing());

    @Test
    void signupsUpToTheLimitPass() {
        when(counter.count(any(), any(), anyInt(), any(), any(), any())).thenReturn(new RateLimitCounter.Counted(
                new RateLimit(new byte[0], Instant.now(), 30), new RateLimit(new byte[0], Instant.now(), 10)));
        assertThatCode(() -> limits.check("203.0.113.7", "anna@example.dk")).doesNotThrowAnyException();
    }

    @Test
    void theHitAfterTheLimitIsRefusedWithTheTimeUntilTheWindowEnds() {
        when(counter.count(any(), any(), anyInt(), any(), any(), any())).thenReturn(new RateLimitCounter.Counted(
                new RateLimit(new byte[0], Instant.now().minusSeconds(20), 31), null));
        var refused = catchThrowableOfType(() -> limits.check("203.0.113.7", "anna@example.dk"),
                TooManyRequestsException.class);
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(41));
        assertThat(refused.getMessage()).contains("network");
    }

    @Test
    void anAddressOverItsLimitIsRefusedUntilItsHourEnds() {
        when(counter.count(any(), any(), anyInt(), any(), any(), any())).thenReturn(new RateLimitCounter.Counted(
                new RateLimit(new byte[0], Instant.now(), 2),
                new RateLimit(new byte[0], Instant.now().minus(Duration.ofMinutes(50)), 11)));
        var refused = catchThrowableOfType(() -> limits.check("203.0.113.7", "anna@example.dk"),
                TooManyRequestsException.class);
        assertThat(refused.getMessage()).contains("address");
        assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
    }

    @Test
    void theReminderMustComeBeforeTheExpiry() {
        assertThat(catchThrowableOfType(() -> new SignupSettings(1, 1, Duration.ofMinutes(1), Duration.ofDays(7),
                Duration.ofDays(7)), IllegalArgumentException.class)).isNotNull();
    }
}
