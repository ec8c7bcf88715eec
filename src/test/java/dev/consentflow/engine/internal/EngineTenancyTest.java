package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.consentflow.support.ProcessTestEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.BadUserRequestException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.mock.Mocks;
import org.operaton.bpm.model.bpmn.Bpmn;

/** The engine's tenancy on a real engine: who may start, change and run what, as which account. */
class EngineTenancyTest {

    private static final String ACCOUNT = UUID.randomUUID().toString();
    private static final String OTHER_ACCOUNT = UUID.randomUUID().toString();

    private final ProcessEngine engine = ProcessTestEngine.get();
    private final JavaDelegate delegate = mock(JavaDelegate.class);
    private String shared;

    @BeforeEach
    void deploySharedProcess() {
        Mocks.register("tenancyProbeDelegate", delegate);
        shared = engine.getRepositoryService().createDeployment()
                .addModelInstance("tenancy-probe.bpmn", Bpmn.createExecutableProcess("tenancy-probe")
                        .operatonHistoryTimeToLive(1)
                        .startEvent("StartEvent_Started")
                        .intermediateCatchEvent("Event_Poked").message("test.poked")
                        .serviceTask("Task_Probe").operatonDelegateExpression("${tenancyProbeDelegate}")
                        .endEvent("EndEvent_Done").done())
                .deploy().getId();
    }

    @AfterEach
    void undeploy() {
        engine.getIdentityService().clearAuthentication();
        engine.getRepositoryService().deleteDeployment(shared, true);
        Mocks.reset();
    }

    @Test
    void aSignedInAccountStartsSharedProcessesForItselfOnly() {
        signIn(ACCOUNT);
        String own = engine.getRuntimeService().startProcessInstanceByKey("tenancy-probe").getId();
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("tenancy-probe",
                Map.of("accountId", OTHER_ACCOUNT))).isInstanceOf(BadUserRequestException.class);
        engine.getIdentityService().clearAuthentication();

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(own).singleResult()
                .getTenantId()).isEqualTo(ACCOUNT);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tenancy-probe")
                .count()).isOne();
    }

    @Test
    void anotherAccountsInstanceIsUnknownAndThePlatformsDeploymentIsNotAnAccountsToDelete() {
        String instance = TestProcessRuntimes.on(engine).start("tenancy-probe", "p1", Map.of("accountId", ACCOUNT));

        signIn(OTHER_ACCOUNT);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThatThrownBy(() -> engine.getRuntimeService().setVariable(instance, "accountId", OTHER_ACCOUNT))
                .isInstanceOf(ForeignTenantException.class);
        assertThatThrownBy(() -> engine.getRepositoryService().deleteDeployment(shared, true))
                .isInstanceOf(ForeignTenantException.class);
        assertThatThrownBy(() -> engine.getRepositoryService().suspendProcessDefinitionByKey("tenancy-probe"))
                .isInstanceOf(ForeignTenantException.class);
        engine.getIdentityService().clearAuthentication();

        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(shared).count()).isOne();
        assertThat(engine.getRuntimeService().getVariable(instance, "accountId")).isEqualTo(ACCOUNT);
    }

    @Test
    void noStepRunsForAnotherAccountThanItsInstancesOwn() throws Exception {
        String instance = TestProcessRuntimes.on(engine).start("tenancy-probe", "p2", Map.of("accountId", ACCOUNT));
        signIn(ACCOUNT);
        engine.getRuntimeService().setVariable(instance, "accountId", OTHER_ACCOUNT);

        assertThatThrownBy(() -> engine.getRuntimeService().createMessageCorrelation("test.poked")
                .processInstanceId(instance).correlate())
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("names another account");
        verify(delegate, never()).execute(any());

        engine.getRuntimeService().setVariable(instance, "accountId", ACCOUNT);
        engine.getRuntimeService().createMessageCorrelation("test.poked").processInstanceId(instance).correlate();
        verify(delegate).execute(any());
    }

    private void signIn(String account) {
        engine.getIdentityService().setAuthentication(null, List.of("account-marketers-" + account), List.of(account));
    }
}
