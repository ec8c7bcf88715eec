package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.IntegrationTest;
import dev.consentflow.engine.HistoryRetention;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.repository.Deployment;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant-less deployment that is not the platform's own stops the start-up, naming itself and the way out; the
 * operator removes it (with its instances, without running their listeners) or accepts it, and the platform's own
 * auto-deployment always passes. The other start-up step on the platform's definitions, the history backstop, raises
 * what is below it without parsing the definitions it leaves alone.
 */
@IntegrationTest
class PlatformDeploymentCheckIT {

    @Autowired
    ProcessEngine engine;

    @Autowired
    PlatformDeploymentCheck startupCheck;

    @Autowired
    PlatformHistoryBackstop backstop;

    @Autowired
    JdbcClient jdbc;

    String foreign;

    @AfterEach
    void removeTheForeignDeployment() {
        if (foreign != null && engine.getRepositoryService().createDeploymentQuery().deploymentId(foreign).count() > 0) {
            engine.getRepositoryService().deleteDeployment(foreign, true, true, true);
        }
    }

    @Test
    void thePlatformsOwnDeploymentPasses() {
        assertThat(engine.getRepositoryService().createDeploymentQuery().withoutTenantId().count()).isPositive();

        startupCheck.check();

        String platform = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("double-opt-in").withoutTenantId().latestVersion().singleResult().getDeploymentId();
        assertThat(engine.getManagementService().getProperties()).containsKey(PlatformDeploymentCheck.RECORDED + platform);
    }

    @Test
    void aForeignTenantlessDeploymentRefusesTheStartAndNamesTheWayOut() {
        // The auto-deployment's name and a platform file's name, but not the platform's bytes.
        foreign = deployTenantless("SpringAutoDeployment", "processes/double-opt-in.bpmn",
                "spoof-" + UUID.randomUUID().toString().substring(0, 8));

        assertThatThrownBy(() -> startupCheck.check())
                .isInstanceOfSatisfying(ForeignPlatformDeployments.class, e -> assertThat(e.ids()).containsExactly(foreign))
                .hasMessageContaining(foreign)
                .hasMessageContaining("CONSENTFLOW_ENGINE_REMOVE_DEPLOYMENTS=" + foreign)
                .hasMessageContaining("CONSENTFLOW_ENGINE_ACCEPT_DEPLOYMENTS");
    }

    @Test
    void theOperatorRemovesItWithItsInstancesWithoutRunningTheirListeners() {
        String key = "foreign-" + UUID.randomUUID().toString().substring(0, 8);
        foreign = deployTenantless("a flow", "flow.bpmn", key);
        engine.getRuntimeService().startProcessInstanceByKey(key);

        new PlatformDeploymentCheck(engine, List.of(foreign), List.of()).check();

        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(foreign).count()).isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
        startupCheck.check();
    }

    @Test
    void theOperatorAcceptsAnEarlierPlatformDeploymentOnce() {
        foreign = deployTenantless("SpringAutoDeployment", "processes/old-version.bpmn", "old-" + UUID.randomUUID());

        new PlatformDeploymentCheck(engine, List.of(), List.of(foreign)).check();

        startupCheck.check();
        assertThat(engine.getManagementService().getProperties()).containsEntry(
                PlatformDeploymentCheck.RECORDED + foreign, "accepted");
    }

    @Test
    void theHistoryBackstopRaisesADefinitionBelowItWithoutParsingTheOthers() {
        var cache = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache();
        List<String> platform = engine.getRepositoryService().createProcessDefinitionQuery().withoutTenantId().list()
                .stream().map(ProcessDefinition::getId).toList();
        String lowered = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("double-opt-in")
                .withoutTenantId().latestVersion().singleResult().getId();
        // As an earlier version left it, and as a restart finds the engine: nothing parsed yet.
        jdbc.sql("update act_re_procdef set history_ttl_ = 180 where id_ = :id").param("id", lowered).update();
        cache.discardProcessDefinitionCache();
        cache.getBpmnModelInstanceCache().clear();

        backstop.raise();

        assertThat(jdbc.sql("select history_ttl_ from act_re_procdef where id_ = :id").param("id", lowered)
                .query(Integer.class).single()).isEqualTo(HistoryRetention.BACKSTOP_DAYS);
        assertThat(platform).hasSizeGreaterThan(1)
                .allSatisfy(id -> assertThat(cache.getBpmnModelInstanceCache().get(id)).as(id).isNull());
    }

    /**
     * As the platform would (no account signed in): a flow waiting in a user task whose end listener calls a bean
     * that does not exist, so running it would fail the removal.
     */
    private String deployTenantless(String name, String resource, String key) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Foreign" targetNamespace="x">
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:extensionElements>
                      <operaton:executionListener event="end" expression="${noSuchBean.run()}"/>
                    </bpmn:extensionElements>
                    <bpmn:startEvent id="StartEvent_Started"/>
                    <bpmn:sequenceFlow id="Flow_ToWait" sourceRef="StartEvent_Started" targetRef="Task_Wait"/>
                    <bpmn:userTask id="Task_Wait"/>
                    <bpmn:sequenceFlow id="Flow_ToDone" sourceRef="Task_Wait" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key);
        Deployment deployment = engine.getRepositoryService().createDeployment().name(name)
                .addString(resource, bpmn).deploy();
        assertThat(deployment.getTenantId()).isNull();
        return deployment.getId();
    }
}
