package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.IntegrationTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The second wall: even an expression that slipped past the deployment's check reaches no code. Evaluated by the
 * server's own engine for an instance of an account's flow, only the element templates' delegates resolve; the
 * engine's objects, every other bean (the database, the contacts) and every method of any object do not. In the
 * platform's own processes only the platform's delegates resolve.
 */
@IntegrationTest
class ExpressionSandboxIT {

    private static final Path PROBE = Path.of("/tmp/consentflow-sandbox-probe");

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    String account = UUID.randomUUID().toString();
    String accountDeployment;
    String platformDeployment;

    @BeforeEach
    void anAccountsFlowAndAPlatformProcessEachWithAWaitingInstance() {
        accountDeployment = engine.getRepositoryService().createDeployment().tenantId(account)
                .addModelInstance("sandbox-flow.bpmn", waiting("sandbox-flow")).deploy().getId();
        platformDeployment = engine.getRepositoryService().createDeployment()
                .addModelInstance("sandbox-platform.bpmn", waiting("sandbox-platform")).deploy().getId();
    }

    @AfterEach
    void undeploy() {
        engine.getRepositoryService().deleteDeployment(accountDeployment, true);
        engine.getRepositoryService().deleteDeployment(platformDeployment, true);
    }

    @Test
    void theEngineEvaluatesExpressionsInTheSandbox() {
        assertThat(configuration().getExpressionManager()).isInstanceOf(SandboxedExpressionManager.class);
    }

    @Test
    void inAnAccountsFlowOnlyTheTemplatesDelegatesResolve() {
        String instance = engine.getRuntimeService().createProcessInstanceByKey("sandbox-flow")
                .processDefinitionTenantId(account).setVariable("accountId", account).execute().getId();

        assertThat(evaluate(instance, "${sendTemplateDelegate}")).isInstanceOf(JavaDelegate.class);
        for (String hostile : new String[] {"${jdbcTemplate}", "${cardErasure}", "${sendConfirmationDelegate}",
                "${execution}", "${task}", "${authenticatedUserId}", "${accountId.getClass()}", "${accountId.bytes}",
                "${''.getClass().forName('java.lang.System').getenv()}",
                "${''.getClass().forName('java.io.File').getConstructor(''.getClass()).newInstance('" + PROBE
                        + "').createNewFile()}"}) {
            assertThatThrownBy(() -> evaluate(instance, hostile)).as(hostile).isInstanceOf(ProcessEngineException.class);
        }
        assertThat(PROBE).doesNotExist();
        assertThat(evaluate(instance, "${accountId}")).as("variables still resolve").isEqualTo(account);
    }

    @Test
    void inThePlatformsProcessesOnlyThePlatformsDelegatesResolve() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("sandbox-platform",
                Map.of("accountId", account)).getId();

        assertThat(evaluate(instance, "${sendConfirmationDelegate}")).isInstanceOf(JavaDelegate.class);
        assertThatThrownBy(() -> evaluate(instance, "${sendTemplateDelegate}")).isInstanceOf(ProcessEngineException.class);
        assertThatThrownBy(() -> evaluate(instance, "${cardErasure}")).isInstanceOf(ProcessEngineException.class);
        assertThatThrownBy(() -> evaluate(instance,
                "${jdbcTemplate.execute('create table sandbox_probe (x int)')}")).isInstanceOf(ProcessEngineException.class);
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = "
                + "'sandbox_probe'", Integer.class)).as("no SQL ran").isZero();
    }

    private Object evaluate(String processInstanceId, String expression) {
        ProcessEngineConfigurationImpl configuration = configuration();
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(processInstanceId);
            return configuration.getExpressionManager().createExpression(expression).getValue(execution);
        });
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private static org.operaton.bpm.model.bpmn.BpmnModelInstance waiting(String id) {
        return Bpmn.createExecutableProcess(id).operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .intermediateCatchEvent("Event_DayPassed").timerWithDuration("P1D")
                .endEvent("EndEvent_Done").done();
    }
}
