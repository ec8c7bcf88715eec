package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server's engine puts nothing into the logging context (application.yml: every {@code logging-context-*} key
 * empty): the engine's defaults name seven keys, and each step of every process wrote and removed them in SLF4J's
 * MDC, which no log pattern of the server prints and no code reads.
 */
@IntegrationTest
class EngineLoggingContextIT {

    @Autowired
    ProcessEngineConfigurationImpl configuration;

    @Test
    void theEngineNamesNoLoggingContextKey() {
        assertThat(new String[] {configuration.getLoggingContextActivityId(),
                configuration.getLoggingContextActivityName(), configuration.getLoggingContextApplicationName(),
                configuration.getLoggingContextBusinessKey(), configuration.getLoggingContextProcessDefinitionId(),
                configuration.getLoggingContextProcessDefinitionKey(),
                configuration.getLoggingContextProcessInstanceId(), configuration.getLoggingContextTenantId(),
                configuration.getLoggingContextEngineName()})
                .allSatisfy(key -> assertThat(key).isNullOrEmpty());
    }
}
