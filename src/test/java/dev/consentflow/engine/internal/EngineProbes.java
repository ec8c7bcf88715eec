package dev.consentflow.engine.internal;

import java.util.List;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the engine tests that count an engine's statements share: probe deployments and a table's scans. */
final class EngineProbes {

    private EngineProbes() {
    }

    /** A platform deployment (no tenant) of one process, its id added to {@code deployments}; its definition's id. */
    static String deploy(ProcessEngine engine, List<String> deployments, String processKey, String bpmn) {
        String deployment = engine.getRepositoryService().createDeployment().name("probe")
                .addString(processKey + ".bpmn", bpmn).deploy().getId();
        deployments.add(deployment);
        return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment).singleResult()
                .getId();
    }

    /**
     * How often this backend scanned the table and its indexes in its current transaction, not reported yet (a
     * backend reports them only between transactions): taken before and after a piece of work in one transaction,
     * the difference is that work's scans, whatever else the server does meanwhile.
     */
    static long scansInThisTransaction(JdbcClient jdbc, String table) {
        return jdbc.sql("""
                select coalesce(sum(pg_stat_get_xact_numscans(oid)), 0) from pg_class
                where oid = cast(:table as regclass)
                   or oid in (select indexrelid from pg_index where indrelid = cast(:table as regclass))
                """).param("table", table).query(Long.class).single();
    }
}
