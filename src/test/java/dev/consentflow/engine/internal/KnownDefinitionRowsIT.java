package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A definition whose row was read since the last change this node heard of is taken from the deployment cache as
 * it is; a change made in the database by anybody else (another node) makes the next command read the row again.
 */
@IntegrationTest
class KnownDefinitionRowsIT {

    @Autowired
    ProcessEngine engine;

    @Autowired
    DefinitionChanges changes;

    @Autowired
    KnownDefinitionRows rows;

    @Autowired
    JdbcClient jdbc;

    final String key = "known-probe-" + UUID.randomUUID().toString().substring(0, 8);
    String deployment;

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.latest().listening());
    }

    @AfterEach
    void removeTheDeployment() {
        if (deployment != null) {
            engine.getRepositoryService().deleteDeployment(deployment, true, true, true);
        }
    }

    @Test
    void aDefinitionChangedInTheDatabaseByAnotherNodeIsReadAgainByTheNextCommand() {
        String id = deploy();
        // The deployment's own notice may arrive after the first read: the read after it is kept.
        await().atMost(Duration.ofSeconds(10)).until(() -> definition(id) != null && rows.unchanged(id));
        assertThat(definition(id).getHistoryTimeToLive()).isEqualTo(1);
        assertThat(definition(id).isSuspended()).isFalse();

        // Another node suspends it and changes its time to live: only the database takes part.
        jdbc.sql("update act_re_procdef set suspension_state_ = 2, history_ttl_ = 40, rev_ = rev_ + 1 where id_ = :id")
                .param("id", id).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> !rows.unchanged(id));
        ProcessDefinitionEntity changed = definition(id);
        assertThat(changed.isSuspended()).isTrue();
        assertThat(changed.getHistoryTimeToLive()).isEqualTo(40);
        assertThat(rows.unchanged(id)).as("read again, and known again").isTrue();
    }

    /** The definition as a command of the engine finds it by id (an instance's definition, a correlation's). */
    private ProcessDefinitionEntity definition(String id) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(command -> command.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedProcessDefinitionById(id));
    }

    private String deploy() {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="x">
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started"/>
                    <bpmn:sequenceFlow id="Flow_ToWait" sourceRef="StartEvent_Started" targetRef="Task_Wait"/>
                    <bpmn:userTask id="Task_Wait"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key);
        deployment = engine.getRepositoryService().createDeployment().name("probe").addString(key + ".bpmn", bpmn)
                .deploy().getId();
        return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment).singleResult()
                .getId();
    }
}
