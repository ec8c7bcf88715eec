package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentflow.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.repository.Deployment;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine itself keeps an account's deployments in its tenant, whatever route reached it: signed in as an
 * account (as {@code EngineRestTenancyFilter} signs a key in), a deployment without a tenant or for another tenant
 * is refused; the platform, signed in as nobody, deploys as before.
 */
@IntegrationTest
class AccountDeploymentGuardIT {

    private static final String ACCOUNT = UUID.randomUUID().toString();

    @Autowired
    ProcessEngine engine;

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void anAccountDeploysIntoItsOwnTenantOnly() {
        engine.getIdentityService().setAuthentication(null, List.of(), List.of(ACCOUNT));

        assertThatThrownBy(() -> deploy(null)).isInstanceOf(AccountDeploymentGuard.Refused.class)
                .hasMessageContaining("without a tenant");
        assertThatThrownBy(() -> deploy(UUID.randomUUID().toString()))
                .isInstanceOf(AccountDeploymentGuard.Refused.class).hasMessageContaining("another account");
        assertThat(deploy(ACCOUNT).getTenantId()).isEqualTo(ACCOUNT);
    }

    @Test
    void thePlatformStillDeploysWithoutATenant() {
        Deployment platform = deploy(null);

        assertThat(platform.getTenantId()).isNull();
        engine.getRepositoryService().deleteDeployment(platform.getId(), true, true, true);
    }

    private Deployment deploy(String tenant) {
        String key = "guard-" + UUID.randomUUID().toString().substring(0, 8);
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Guard" targetNamespace="x">
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key);
        return engine.getRepositoryService().createDeployment().name(key).tenantId(tenant)
                .addString(key + ".bpmn", bpmn).deploy();
    }
}
