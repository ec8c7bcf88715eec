package dev.consentflow.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.operaton.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/**
 * The bare Operaton engine in the bench JVM, on the same PostgreSQL as the server (a database of its own),
 * configured like the server's: same history level, same job executor pool and acquisition, same pool size,
 * batched inserts rewritten by the driver as the server's pool has them, strong UUIDs as the Spring Boot starter
 * uses. No Spring, no HTTP, no delegates that do work. The product's double-opt-in model runs on a second engine
 * on the same database, started when first asked for ({@link RawDoubleOptIn}).
 */
final class RawEngine implements AutoCloseable {

    static final String ONE_TASK = "bench-one-task";
    static final String WAITING = "bench-waiting";
    static final String MESSAGE = "bench.confirmed";

    final ProcessEngine engine;
    final EngineSettings settings;
    private final HikariDataSource dataSource;
    private final Database.Target target;
    private final Config config;
    private RawDoubleOptIn doubleOptIn;
    private Exception doubleOptInFailure;

    private RawEngine(ProcessEngine engine, EngineSettings settings, HikariDataSource dataSource,
                      Database.Target target, Config config) {
        this.engine = engine;
        this.settings = settings;
        this.dataSource = dataSource;
        this.target = target;
        this.config = config;
    }

    static RawEngine start(Database.Target target, Config config, EngineSettings settings) {
        long start = System.nanoTime();
        HikariDataSource dataSource = pool(target, config, settings, "raw-engine");

        DefaultJobExecutor jobs = new DefaultJobExecutor();
        jobs.setCorePoolSize(settings.corePool());
        jobs.setMaxPoolSize(settings.maxPool());
        jobs.setQueueSize(settings.queue());
        jobs.setMaxJobsPerAcquisition(settings.jobsPerAcquisition());
        jobs.setWaitTimeInMillis(settings.waitMillis());

        var cfg = configuration("bench-raw", dataSource, target, settings);
        cfg.setJobExecutor(jobs);
        cfg.setJobExecutorActivate(true);
        ProcessEngine engine = cfg.buildProcessEngine();

        engine.getRepositoryService().createDeployment().name("bench")
                .addModelInstance(ONE_TASK + ".bpmn", oneTask())
                .addModelInstance(WAITING + ".bpmn", waiting())
                .deploy();
        Log.info("raw engine up in " + (System.nanoTime() - start) / 1_000_000 + " ms with " + settings.describe());
        return new RawEngine(engine, settings, dataSource, target, config);
    }

    /** A connection pool of the server's size on the bare engine's database. */
    static HikariDataSource pool(Database.Target target, Config config, EngineSettings settings, String name) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(target.jdbcUrl());
        pool.setUsername(config.jdbcUser());
        pool.setPassword(config.jdbcPassword());
        pool.setMaximumPoolSize(settings.connections());
        pool.setPoolName(name);
        // As the server's pool (application.yml): the engine's batched inserts go as multi-row inserts.
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(pool);
    }

    /** What both bare engines share: the database, the history level, strong UUIDs, enforced times to live. */
    static StandaloneProcessEngineConfiguration configuration(String name, HikariDataSource dataSource,
                                                              Database.Target target, EngineSettings settings) {
        var cfg = new StandaloneProcessEngineConfiguration();
        cfg.setProcessEngineName(name);
        cfg.setDataSource(dataSource);
        cfg.setDatabaseSchemaUpdate("true");
        if (target.schema() != null) {
            cfg.setDatabaseSchema(target.schema());
            cfg.setDatabaseTablePrefix(target.schema() + ".");
        }
        cfg.setHistory(settings.history());
        cfg.setIdGenerator(new StrongUuidGenerator());
        cfg.setEnforceHistoryTimeToLive(true);
        return cfg;
    }

    /**
     * The second engine, running the product's double-opt-in model, started on first use; a failure to start it
     * is kept and thrown again to the next caller, and leaves this engine's ceilings alone.
     */
    synchronized RawDoubleOptIn doubleOptIn() throws Exception {
        if (doubleOptIn == null && doubleOptInFailure == null) {
            try {
                doubleOptIn = RawDoubleOptIn.start(target, config, settings);
            } catch (Exception e) {
                doubleOptInFailure = e;
            }
        }
        if (doubleOptInFailure != null) {
            throw doubleOptInFailure;
        }
        return doubleOptIn;
    }

    /** Start, an asyncBefore service task that does nothing, end: one job per instance, as a signup has. */
    private static BpmnModelInstance oneTask() {
        return Bpmn.createExecutableProcess(ONE_TASK).operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .serviceTask("Task_Nothing").operatonAsyncBefore().operatonClass(NoopDelegate.class)
                .endEvent("EndEvent_Done")
                .done();
    }

    /** Start, wait for a message, end: what a confirmation correlates with. */
    private static BpmnModelInstance waiting() {
        return Bpmn.createExecutableProcess(WAITING).operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .intermediateCatchEvent("Event_Confirmed").message(MESSAGE)
                .endEvent("EndEvent_Done")
                .done();
    }

    /**
     * Brings the planner's statistics up to date. Tables filled in seconds keep the statistics of empty ones
     * until autovacuum comes by; then PostgreSQL finds a message correlation by process instance id through
     * every subscription to that message name (a scan per correlation) instead of the instance's index. A
     * ceiling should not pay that, so the raw side analyzes before it measures; the server is measured as is.
     */
    void analyze() throws java.sql.SQLException {
        long start = System.nanoTime();
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("analyze");
        }
        Log.info("raw engine: analyzed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * Waits until the job executor has run every one-task job; answers the nanoTime it did, or -1 after the
     * timeout. The double-opt-in instances' reminder timers are jobs too, due in days: they are not counted.
     */
    long awaitNoJobs(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (engine.getManagementService().createJobQuery().processDefinitionKey(ONE_TASK).count() == 0) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        return -1;
    }

    @Override
    public synchronized void close() {
        if (doubleOptIn != null) {
            doubleOptIn.close();
        }
        engine.close();
        dataSource.close();
    }
}
