package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server's pool has pgjdbc rewrite a batch of one INSERT into multi-row INSERTs (application.yml,
 * {@code reWriteBatchedInserts}): the driver then answers {@link Statement#SUCCESS_NO_INFO} for each row it
 * rewrote. The engine flushes in batches and takes that answer for inserts; updates and deletes keep their row
 * counts, which its optimistic locking reads.
 */
@IntegrationTest
class BatchedInsertsIT {

    private static final String PROCESS = "batched-inserts-probe";

    @Autowired
    DataSource dataSource;

    @Autowired
    ProcessEngineConfigurationImpl configuration;

    @Autowired
    ProcessEngine engine;

    @Test
    void aBatchOfInsertsGoesAsMultiRowInsertsAndUpdatesKeepTheirCounts() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table batched_probe (id int primary key, v text) on commit drop");
            }
            try (PreparedStatement insert = c.prepareStatement("insert into batched_probe (id, v) values (?, ?)")) {
                for (int i = 1; i <= 4; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "row " + i);
                    insert.addBatch();
                }
                // Four rows as one statement: no count per row. Without the rewrite each is 1.
                assertThat(insert.executeBatch()).containsExactly(Statement.SUCCESS_NO_INFO,
                        Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO);
            }
            try (PreparedStatement update = c.prepareStatement("update batched_probe set v = ? where id = ?")) {
                update.setString(1, "changed");
                update.setInt(2, 1);
                update.addBatch();
                update.setString(1, "changed");
                update.setInt(2, 99);
                update.addBatch();
                assertThat(update.executeBatch()).containsExactly(1, 0);
            }
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("select count(*) from batched_probe")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(4);
            }
            c.rollback();
        }
    }

    @Test
    void theEnginesFlushTakesRewrittenInserts() {
        assertThat(configuration.isJdbcBatchProcessing()).isTrue();
        BpmnModelInstance waiting = Bpmn.createExecutableProcess(PROCESS).operatonHistoryTimeToLive(1)
                .startEvent().intermediateCatchEvent("wait").message("batched-inserts-probe.go").endEvent().done();
        // Deployed for this test only, and taken away with its history after it: a definition without a tenant
        // that stays would count as one of the platform's own processes for the tests after this one.
        String deployment = engine.getRepositoryService().createDeployment()
                .addModelInstance(PROCESS + ".bpmn", waiting).deploy().getId();
        try {
            startAndEnd();
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    private void startAndEnd() {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            variables.put("v" + i, "value " + i);
        }

        RuntimeService runtime = engine.getRuntimeService();
        HistoryService history = engine.getHistoryService();
        String id = runtime.startProcessInstanceByKey(PROCESS, variables).getId();

        // Seven variables went as inserts of 4, 2 and 1 rows, the start's two activity rows as one of 2.
        assertThat(runtime.getVariables(id)).isEqualTo(variables);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).count()).isEqualTo(2);
        // The ending deletes every row by id and revision, counting each.
        runtime.createMessageCorrelation("batched-inserts-probe.go").processInstanceId(id).correlate();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count())
                .isEqualTo(1);
    }
}
