package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchPropertiesTest {

    @Test
    void eachSoftFailureWaitsTheNextDelayAndTheLastOneExpires() {
        DispatchProperties properties = properties(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5)));

        assertThat(properties.retryDelayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.retryDelayAfter(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.retryDelayAfter(3)).isNull();
        assertThat(properties.nodeId()).isNotBlank();
    }

    @Test
    void zeroOrNegativeDelaysAreRefused() {
        assertThatThrownBy(() -> properties(List.of(Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeaseNoLongerThanOneSendIsRefusedAtStartInsteadOfStartingNothingForEver() {
        DispatchProperties shortLease = properties(List.of(Duration.ofMinutes(1)), Duration.ofSeconds(1));
        DevSmsOutbox sms = new DevSmsOutbox(1);

        assertThatThrownBy(() -> new OutboxWorker("node", shortLease, null, null, List.of(sms), null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consentflow.dispatch.lease (PT1S)").hasMessageContaining(sms.sendBudget().toString());
        DispatchProperties longer = properties(List.of(Duration.ofMinutes(1)), sms.sendBudget().plusSeconds(1));
        assertThat(new OutboxWorker("node", longer, null, null, List.of(sms), null, null).node())
                .isEqualTo("node");
    }

    private static DispatchProperties properties(List<Duration> delays) {
        return properties(delays, Duration.ofMinutes(5));
    }

    private static DispatchProperties properties(List<Duration> delays, Duration lease) {
        return new DispatchProperties(null, 4, 2, 100, Duration.ofMillis(500), lease, 0, 1000, delays,
                null, Duration.ofSeconds(5), Duration.ofSeconds(15), new DispatchProperties.Dkim(null, null, null));
    }
}
