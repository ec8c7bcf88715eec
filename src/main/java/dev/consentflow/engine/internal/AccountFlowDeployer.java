package dev.consentflow.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * The engine's first deployer: every new deployment of an account passes {@link FlowRules} before any definition
 * is parsed or stored, whatever route it came by ({@code /engine-rest} in any spelling, a redeploy, the Java API).
 * A deployment of an account is one with a tenant (the account), or one made while an account is signed in to the
 * engine; such an account deploys into its own tenant only, never without one or into another's
 * ({@link AccountDeploymentGuard}, {@code 403}). The platform's
 * own processes, deployed by the server without a tenant and without anyone signed in, are exempt. A refusal rolls
 * the whole deployment back.
 */
final class AccountFlowDeployer implements Deployer {

    private final FlowRules rules;
    private final BiConsumer<String, String> authors;

    /** @param authors notes (deployment id, account) of every deployment that passed, in its transaction */
    AccountFlowDeployer(FlowRules rules, BiConsumer<String, String> authors) {
        this.rules = rules;
        this.authors = authors;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // loaded again from the database into the cache: checked when it was deployed
        }
        AccountDeploymentGuard.check(deployment);
        String account = deployment.getTenantId() != null ? deployment.getTenantId() : signedInAccount();
        if (account == null) {
            return;
        }
        List<FlowViolation> violations = new ArrayList<>();
        Map<String, byte[]> resources = new LinkedHashMap<>();
        deployment.getResources().values().stream()
                .sorted(Comparator.comparing(ResourceEntity::getName))
                .forEach(resource -> resources.put(resource.getName(), resource.getBytes()));
        violations.addAll(rules.check(account, resources));
        if (!violations.isEmpty()) {
            throw new FlowRefused(violations);
        }
        authors.accept(deployment.getId(), account);
    }

    private static String signedInAccount() {
        Authentication authentication = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthentication();
        List<String> tenants = authentication == null ? null : authentication.getTenantIds();
        return tenants == null || tenants.size() != 1 ? null : tenants.get(0);
    }
}
