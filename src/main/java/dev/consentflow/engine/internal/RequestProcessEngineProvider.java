package dev.consentflow.engine.internal;

import java.util.Set;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngines;
import org.operaton.bpm.engine.rest.spi.ProcessEngineProvider;

/**
 * The engine {@code /engine-rest} serves a request with: the engine of the application that received it. Operaton's
 * REST API looks its engine up by name in a JVM-wide registry, where the last engine named {@code default} wins;
 * with several applications in one JVM (the test suite's cached contexts) a request could reach another
 * application's engine and database, unchecked by this application's tenancy. Registered through
 * {@code META-INF/services}, ahead of the Spring Boot starter's provider on the class path; outside a request
 * served by {@link EngineRestTenancyFilter} it answers what the starter's would.
 */
public final class RequestProcessEngineProvider implements ProcessEngineProvider {

    private static final ThreadLocal<ProcessEngine> SERVING = new ThreadLocal<>();

    static void serve(ProcessEngine engine) {
        SERVING.set(engine);
    }

    static void done() {
        SERVING.remove();
    }

    @Override
    public ProcessEngine getDefaultProcessEngine() {
        ProcessEngine engine = SERVING.get();
        return engine != null ? engine : ProcessEngines.getDefaultProcessEngine();
    }

    @Override
    public ProcessEngine getProcessEngine(String name) {
        ProcessEngine engine = SERVING.get();
        return engine != null && engine.getName().equals(name) ? engine : ProcessEngines.getProcessEngine(name);
    }

    @Override
    public Set<String> getProcessEngineNames() {
        return ProcessEngines.getProcessEngines().keySet();
    }
}
