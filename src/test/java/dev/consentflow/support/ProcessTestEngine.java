package dev.consentflow.support;

import dev.consentflow.engine.internal.TestDatabases;
import dev.consentflow.engine.internal.TestProcessRuntimes;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.mock.MockExpressionManager;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * The engine process tests run on: one per test JVM, on a database of its own on the shared embedded
 * PostgreSQL, with the server's tenancy (a tenant per account), history full, no job executor (tests execute jobs and timers explicitly) and delegates
 * resolved from {@link org.operaton.bpm.engine.impl.mock.Mocks}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static ProcessEngineExtension engine = ProcessTestEngine.extension();
 * </pre>
 */
public final class ProcessTestEngine {

    private static ProcessEngine engine;

    private ProcessTestEngine() {
    }

    public static synchronized ProcessEngine get() {
        if (engine == null) {
            StandaloneProcessEngineConfiguration configuration = configuration("process_tests", "process-tests");
            configuration.setEnforceHistoryTimeToLive(true);
            configuration.setExpressionManager(new MockExpressionManager());
            // Instances get their account's tenant id as on the server.
            configuration.getProcessEnginePlugins().add(TestProcessRuntimes.tenancy());
            engine = configuration.buildProcessEngine();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }

    /**
     * The configuration every engine of the tests starts from: its own database of that name on the shared embedded
     * PostgreSQL, the schema created, history full, no job executor; a test that needs an engine of its own (other
     * plugins) adds to it and builds it.
     */
    public static StandaloneProcessEngineConfiguration configuration(String database, String engineName) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setJdbcUrl(TestDatabases.jdbcUrl(database));
        configuration.setJdbcUsername(TestDatabases.username());
        configuration.setJdbcPassword(TestDatabases.password());
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName(engineName);
        return configuration;
    }

    public static ProcessEngineExtension extension() {
        return ProcessEngineExtension.builder().useProcessEngine(get()).build();
    }
}
