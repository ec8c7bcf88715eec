package dev.consentflow.engine.internal;

import dev.consentflow.engine.ProcessRuntime;
import java.util.List;
import org.operaton.bpm.engine.BadUserRequestException;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.operaton.bpm.engine.impl.identity.Authentication;

/**
 * Gives an instance of a shared definition (the platform's {@code processes/}, deployed without a tenant) its
 * account as tenant id, so the account's keys see it and no other account's do. The engine asks only for
 * definitions without a tenant: an account's own flows carry its tenant from their deployment.
 *
 * <p>An account signed in to the engine (a key through {@code /engine-rest}, a publication) starts instances
 * of its own tenant only: an {@code accountId} variable naming another account is refused. Otherwise (the
 * application's own starts) the {@code accountId} variable names the tenant; a called sub-process inherits its
 * caller's.
 */
final class AccountTenantIdProvider implements TenantIdProvider {

    private final IdentityService identity;

    AccountTenantIdProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
        if (context.getSuperExecution() != null) {
            return context.getSuperExecution().getTenantId();
        }
        Object named = context.getVariables() == null ? null : context.getVariables().get(ProcessRuntime.ACCOUNT_VARIABLE);
        String signedIn = signedInTenant();
        if (signedIn == null) {
            return named == null ? null : named.toString();
        }
        if (named != null && !signedIn.equals(named.toString())) {
            throw new BadUserRequestException("The " + ProcessRuntime.ACCOUNT_VARIABLE
                    + " variable names another account than the caller's");
        }
        return signedIn;
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
        return signedInTenant();
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
        if (context.getExecution() != null) {
            return context.getExecution().getTenantId();
        }
        return signedInTenant();
    }

    /** The one tenant of the signed-in account, or null when nobody or no single account is signed in. */
    private String signedInTenant() {
        Authentication authentication = identity.getCurrentAuthentication();
        List<String> tenants = authentication == null ? null : authentication.getTenantIds();
        return tenants != null && tenants.size() == 1 ? tenants.get(0) : null;
    }
}
