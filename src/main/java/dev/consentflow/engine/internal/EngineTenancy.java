package dev.consentflow.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.CommandChecker;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.springframework.stereotype.Component;

/**
 * Makes the engine multi-tenant with Operaton's own mechanism, one tenant per account (the tenant id is the
 * account id): instances of the shared platform processes get their account's tenant id
 * ({@link AccountTenantIdProvider}), the tenant check filters every query and command of a signed-in account
 * ({@link EngineRestTenancyFilter} signs a key's account in), and shared definitions stay read-only for accounts
 * ({@link AccountCommandChecker}), and an account's key deploys into its own tenant only
 * ({@link AccountDeploymentGuard}); a delegate runs only for its instance's own account
 * ({@link AccountDelegateInterceptor}).
 */
@Component
class EngineTenancy extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantCheckEnabled(true);
        List<CommandChecker> checkers = new ArrayList<>();
        checkers.add(ForeignTenantException.refusing(new AccountCommandChecker()));
        checkers.add(new AuthorizationCommandChecker());
        configuration.setCommandCheckers(checkers);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(new AccountTenantIdProvider(configuration.getIdentityService()));
        configuration.setDelegateInterceptor(new AccountDelegateInterceptor(configuration.getDelegateInterceptor()));
    }
}
