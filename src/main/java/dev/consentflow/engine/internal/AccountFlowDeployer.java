package dev.consentflow.engine.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * The engine's first deployer: every new deployment of an account passes {@link FlowRules} before any definition
 * is parsed or stored, whatever route it came by ({@code /engine-rest} in any spelling, a redeploy, the Java API).
 * A deployment of an account is one with a tenant (the account), or one made while an account is signed in to the
 * engine. The platform's own processes, deployed by the server without a tenant and without anyone signed in, are
 * exempt. A refusal rolls the whole deployment back.
 */
final class AccountFlowDeployer implements Deployer {

    private final FlowRules rules;

    AccountFlowDeployer(FlowRules rules) {
        this.rules = rules;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // loaded again from the database into the cache: checked when it was deployed
        }
        String account = deployment.getTenantId() != null ? deployment.getTenantId() : signedInAccount();
        if (account == null) {
            return;
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        deployment.getResources().values().stream()
                .sorted(java.util.Comparator.comparing(ResourceEntity::getName))
                .forEach(resource -> resources.put(resource.getName(), resource.getBytes()));
        List<FlowViolation> violations = rules.check(account, resources);
        if (!violations.isEmpty()) {
            throw new FlowRefused(violations);
        }
    }

    private static String signedInAccount() {
        Authentication authentication = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthentication();
        List<String> tenants = authentication == null ? null : authentication.getTenantIds();
        return tenants == null || tenants.isEmpty() ? null : tenants.get(0);
    }
}
