package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;

/**
 * The engine's own rule, whatever route a deployment took (a path spelling, a multipart trick, a redeploy): a new
 * deployment made while an account is signed in belongs to that account's tenant. A tenant-less deployment would be
 * a platform definition every account runs; another tenant's would be another account's flow. The platform (no
 * account signed in: the server's auto-deployment, the web apps' administrator) deploys as it likes. Checked first
 * by {@link AccountFlowDeployer}, the engine's first deployer.
 */
final class AccountDeploymentGuard {

    private AccountDeploymentGuard() {
    }

    /** A deployment refused by the tenant rule: {@code 403}, as an {@link AuthorizationException}. */
    static final class Refused extends AuthorizationException {
        Refused(String message) {
            super(message);
        }
    }

    /** Refuses a new deployment made by a signed-in account outside its own tenant. */
    static void check(DeploymentEntity deployment) {
        CommandContext context = Context.getCommandContext();
        if (!context.getTenantManager().isTenantCheckEnabled()) {
            return;
        }
        Authentication signedIn = context.getAuthentication();
        String tenant = deployment.getTenantId();
        if (tenant == null || signedIn == null || signedIn.getTenantIds() == null
                || !signedIn.getTenantIds().contains(tenant)) {
            throw new Refused("A key deploys into its own account only (tenant-id is the account's id): a deployment "
                    + (tenant == null ? "without a tenant" : "for another account") + " is refused");
        }
    }
}
