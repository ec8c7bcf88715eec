package dev.consentflow.engine.internal;

import dev.consentflow.engine.ProcessRuntime;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The real engine facade on a given engine, for process tests that run a delegate against real instances. */
public final class TestProcessRuntimes {

    private TestProcessRuntimes() {
    }

    public static ProcessRuntime on(ProcessEngine engine) {
        return new OperatonProcessRuntime(engine.getRuntimeService(), engine.getTaskService(), engine.getIdentityService(),
                JdbcClient.create(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource()));
    }

    /** The server's multi-tenancy (tenant per account, tenant check, tenant id provider), for the process tests' engine. */
    public static ProcessEnginePlugin tenancy() {
        return new EngineTenancy();
    }

    /** The server's one-round-trip read of an instance's rows for a message to it ({@link InstanceRows}). */
    public static ProcessEnginePlugin instanceRows() {
        return new InstanceRows();
    }
}
