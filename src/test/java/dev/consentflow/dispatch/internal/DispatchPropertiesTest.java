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

    private static DispatchProperties properties(List<Duration> delays) {
        return new DispatchProperties(null, 4, 2, 100, Duration.ofMillis(500), Duration.ofMinutes(5), 0, 1000, delays,
                null, Duration.ofSeconds(5), Duration.ofSeconds(15), new DispatchProperties.Dkim(null, null, null));
    }
}
