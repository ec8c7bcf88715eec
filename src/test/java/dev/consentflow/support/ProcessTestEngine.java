package dev.consentflow.support;

import dev.consentflow.engine.internal.TestDatabases;
import dev.consentflow.engine.internal.TestProcessRuntimes;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.mock.MockExpressionManager;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.Process;

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
            // A message to an instance reads its rows as on the server.
            configuration.getProcessEnginePlugins().add(TestProcessRuntimes.instanceRows());
            engine = configuration.buildProcessEngine();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }

    /**
     * The configuration every engine of the tests starts from: its own database of that name on the shared embedded
     * PostgreSQL, the schema created, history full, no job executor, batched inserts rewritten into multi-row ones
     * as the server's pool rewrites them; a test that needs an engine of its own (other plugins) adds to it and
     * builds it.
     */
    public static StandaloneProcessEngineConfiguration configuration(String database, String engineName) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        // Batched inserts rewritten into multi-row ones, as the server's pool has them (application.yml).
        String url = TestDatabases.jdbcUrl(database);
        configuration.setJdbcUrl(url.contains("reWriteBatchedInserts=") ? url
                : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        configuration.setJdbcUsername(TestDatabases.username());
        configuration.setJdbcPassword(TestDatabases.password());
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName(engineName);
        return configuration;
    }

    /**
     * An engine of its own with {@code plugin}, on the database the platform's own engine tests share (schema
     * there already), with {@code platform} deployed as the platform deploys its models (no tenant) and {@code flow}
     * as an account's flow (tenant {@code tenant}); the test closes it.
     */
    public static ProcessEngine withPlugin(String engineName, ProcessEnginePlugin plugin, BpmnModelInstance platform,
                                           String tenant, BpmnModelInstance flow) {
        StandaloneProcessEngineConfiguration configuration = configuration("removal_time_tests", engineName);
        configuration.getProcessEnginePlugins().add(plugin);
        ProcessEngine engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance(resource(platform), platform).deploy();
        engine.getRepositoryService().createDeployment().tenantId(tenant).addModelInstance(resource(flow), flow)
                .deploy();
        return engine;
    }

    private static String resource(BpmnModelInstance model) {
        return model.getModelElementsByType(Process.class).iterator().next().getId() + ".bpmn";
    }

    public static ProcessEngineExtension extension() {
        return ProcessEngineExtension.builder().useProcessEngine(get()).build();
    }
}
