package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.consentflow.web.TooManyRequestsException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;

class SignupLimitsTest {

    private final RateLimitRepository repository = mock(RateLimitRepository.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private final SignupLimits limits = new SignupLimits(repository,
            new SignupSettings(30, 10, Duration.ofMinutes(10), Duration.ofDays(3), Duration.ofDays(7)),
            new TestKeyRing(), transactions);

    @Test
    void signupsUpToTheLimitPass() {
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        when(repository.hit(any(), any(), any())).thenReturn(new RateLimit(new byte[0], Instant.now(), 10));
        assertThatCode(() -> limits.check("203.0.113.7", "anna@example.dk")).doesNotThrowAnyException();
    }

    @Test
    void theHitAfterTheLimitIsRefusedWithTheTimeUntilTheWindowEnds() {
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        when(repository.hit(any(), any(), any()))
                .thenReturn(new RateLimit(new byte[0], Instant.now().minusSeconds(20), 31));
        var refused = catchThrowableOfType(() -> limits.check("203.0.113.7", "anna@example.dk"),
                TooManyRequestsException.class);
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(41));
    }

    @Test
    void theReminderMustComeBeforeTheExpiry() {
        assertThat(catchThrowableOfType(() -> new SignupSettings(1, 1, Duration.ofMinutes(1), Duration.ofDays(7),
                Duration.ofDays(7)), IllegalArgumentException.class)).isNotNull();
    }
}
