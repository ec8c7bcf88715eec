package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server's engine runs on the MyBatis mappings read while the context was built ({@link EngineMappings}),
 * completed as the engine completes its own reading: its data source and transactions, batch execution, its
 * statement time-out, and every statement of its own reading, plus the two {@link InstanceRows} adds.
 */
@IntegrationTest
class EarlyMappingsIT {

    @Autowired
    ProcessEngine engine;

    @Test
    void theEngineRunsOnTheMappingsReadEarlyCompletedAsItsOwn() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration).isInstanceOfSatisfying(EarlyMappingsEngineConfiguration.class,
                early -> assertThat(early.mappingsReadEarly()).isTrue());

        Configuration mappings = configuration.getSqlSessionFactory().getConfiguration();
        assertThat(mappings.getEnvironment().getDataSource()).isSameAs(configuration.getDataSource());
        assertThat(mappings.getEnvironment().getTransactionFactory()).isSameAs(configuration.getTransactionFactory());
        assertThat(mappings.getDefaultExecutorType()).isEqualTo(ExecutorType.BATCH);
        assertThat(mappings.getDefaultStatementTimeout()).isEqualTo(configuration.getJdbcStatementTimeout());
        Set<String> expected = new HashSet<>(EngineMappings.read(configuration.getDatabaseTablePrefix(),
                configuration.getDatabaseType()).getMappedStatementNames());
        for (String statement : List.of(InstanceRows.STATEMENT, InstanceRows.STATEMENT_AND_STARTS)) {
            expected.add(statement);
            expected.add(statement.substring(statement.lastIndexOf('.') + 1));
        }
        assertThat(mappings.getMappedStatementNames()).as("the engine's own statements and InstanceRows' two")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(engine.getManagementService().getProperties()).containsKey("schema.version");
    }
}
