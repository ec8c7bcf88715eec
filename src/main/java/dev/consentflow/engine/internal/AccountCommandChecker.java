package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.authorization.Permission;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * The engine's tenant check, and one rule more: an account may use the platform's shared processes (deployed
 * without a tenant) but not change them. Operaton lets every tenant act on tenant-less resources; here a signed-in
 * account may not delete the shared deployment, nor delete, suspend or otherwise change a shared definition, which
 * every account's instances run on, nor start a batch. The platform (no account signed in: the application itself,
 * the web apps' administrator) still may.
 */
class AccountCommandChecker extends TenantCommandChecker {

    @Override
    public void checkDeleteDeployment(String deploymentId) {
        super.checkDeleteDeployment(deploymentId);
        if (accountSignedIn()) {
            DeploymentEntity deployment = findDeploymentById(deploymentId);
            if (deployment != null && deployment.getTenantId() == null) {
                throw new ForeignTenantException("the deployment " + deploymentId + " is the platform's");
            }
        }
    }

    @Override
    public void checkUpdateProcessDefinitionById(String processDefinitionId) {
        super.checkUpdateProcessDefinitionById(processDefinitionId);
        refuseSharedDefinition(processDefinitionId);
    }

    @Override
    public void checkUpdateProcessDefinitionSuspensionStateById(String processDefinitionId) {
        super.checkUpdateProcessDefinitionSuspensionStateById(processDefinitionId);
        refuseSharedDefinition(processDefinitionId);
    }

    @Override
    public void checkDeleteProcessDefinitionById(String processDefinitionId) {
        super.checkDeleteProcessDefinitionById(processDefinitionId);
        refuseSharedDefinition(processDefinitionId);
    }

    @Override
    public void checkUpdateProcessDefinitionByKey(String processDefinitionKey) {
        super.checkUpdateProcessDefinitionByKey(processDefinitionKey);
        refuseSharedKey(processDefinitionKey);
    }

    @Override
    public void checkUpdateProcessDefinitionSuspensionStateByKey(String processDefinitionKey) {
        super.checkUpdateProcessDefinitionSuspensionStateByKey(processDefinitionKey);
        refuseSharedKey(processDefinitionKey);
    }

    @Override
    public void checkDeleteProcessDefinitionByKey(String processDefinitionKey) {
        super.checkDeleteProcessDefinitionByKey(processDefinitionKey);
        refuseSharedKey(processDefinitionKey);
    }

    /**
     * A batch runs later, in jobs that carry no account: the tenant check would not hold for it. Accounts act on
     * their instances one by one; the platform's administrator may still run batches in the cockpit.
     */
    @Override
    public void checkCreateBatch(Permission permission) {
        super.checkCreateBatch(permission);
        if (accountSignedIn()) {
            throw new AuthorizationException("Batch operations are not available to an account's keys: they run "
                    + "outside the account's tenant; act on each instance instead");
        }
    }

    private void refuseSharedDefinition(String processDefinitionId) {
        if (accountSignedIn()) {
            ProcessDefinitionEntity definition = findLatestProcessDefinitionById(processDefinitionId);
            if (definition != null && definition.getTenantId() == null) {
                throw new ForeignTenantException("the process definition " + processDefinitionId + " is the platform's");
            }
        }
    }

    private void refuseSharedKey(String processDefinitionKey) {
        if (accountSignedIn() && Context.getCommandContext().getProcessDefinitionManager()
                .findLatestProcessDefinitionByKeyAndTenantId(processDefinitionKey, null) != null) {
            throw new ForeignTenantException("the process definitions " + processDefinitionKey + " are the platform's");
        }
    }

    private boolean accountSignedIn() {
        return getTenantManager().isTenantCheckEnabled();
    }
}
