package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class LedgerRetentionPropertiesTest {

    @Test
    void thirtyDaysUnlessTheVariableSaysLonger() {
        assertThat(fromEnvironment(Map.of()).retention()).isEqualTo(Duration.ofDays(30));
        assertThat(fromEnvironment(Map.of("CONSENTFLOW_DISPATCH_LEDGER_RETENTION", "P90D")).retention())
                .isEqualTo(Duration.ofDays(90));
    }

    @Test
    void aPeriodShorterThanTheComplaintRateWindowStopsTheStartSayingWhy() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("CONSENTFLOW_DISPATCH_LEDGER_RETENTION", "P7D")))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONSENTFLOW_DISPATCH_LEDGER_RETENTION must be at least P30D")
                .hasMessageContaining("complaint rate");
    }

    private static LedgerRetentionProperties fromEnvironment(Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("consentflow.dispatch.ledger", LedgerRetentionProperties.class);
    }
}
