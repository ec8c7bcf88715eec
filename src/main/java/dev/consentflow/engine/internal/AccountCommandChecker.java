package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.authorization.Permission;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.TaskEntity;
import org.operaton.bpm.engine.repository.ProcessDefinition;

/**
 * The engine's tenant check, and one rule more: an account may use the platform's shared processes (deployed
 * without a tenant) but not change them. Operaton lets every tenant act on tenant-less resources; here a signed-in
 * account may not delete the shared deployment, nor delete, suspend or otherwise change a shared definition, which
 * every account's instances run on, nor start a batch. The platform (no account signed in: the application itself,
 * the web apps' administrator) still may.
 *
 * <p>And a key ({@link KeyRequest}) never drives an instance of the platform's processes: it does not start one, nor
 * correlate a message into one, nor delete, suspend or complete a task of one. Those instances are the consent
 * lifecycle itself: a message into a waiting double opt-in would confirm a subscription without the person's
 * click, so only the server (and the tasklist's signed-in people, for the user tasks) moves them.
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

    @Override
    public void checkCreateProcessInstance(ProcessDefinition definition) {
        super.checkCreateProcessInstance(definition);
        if (KeyRequest.active() && definition.getTenantId() == null) {
            throw platformRun("start " + definition.getKey());
        }
    }

    @Override
    public void checkUpdateProcessInstanceById(String processInstanceId) {
        super.checkUpdateProcessInstanceById(processInstanceId);
        refusePlatformInstance(findExecutionById(processInstanceId));
    }

    @Override
    public void checkUpdateProcessInstance(ExecutionEntity execution) {
        super.checkUpdateProcessInstance(execution);
        refusePlatformInstance(execution);
    }

    @Override
    public void checkUpdateProcessInstanceSuspensionStateById(String processInstanceId) {
        super.checkUpdateProcessInstanceSuspensionStateById(processInstanceId);
        refusePlatformInstance(findExecutionById(processInstanceId));
    }

    @Override
    public void checkDeleteProcessInstance(ExecutionEntity execution) {
        super.checkDeleteProcessInstance(execution);
        refusePlatformInstance(execution);
    }

    @Override
    public void checkTaskAssign(TaskEntity task) {
        super.checkTaskAssign(task);
        refusePlatformInstance(task.getProcessInstance());
    }

    @Override
    public void checkTaskWork(TaskEntity task) {
        super.checkTaskWork(task);
        refusePlatformInstance(task.getProcessInstance());
    }

    private void refusePlatformInstance(ExecutionEntity execution) {
        if (KeyRequest.active() && execution != null && execution.getProcessDefinition() != null
                && execution.getProcessDefinition().getTenantId() == null) {
            throw platformRun("change an instance of " + execution.getProcessDefinition().getKey());
        }
    }

    private static AuthorizationException platformRun(String what) {
        return new AuthorizationException("A key may not " + what + ": the platform's processes are run by the "
                + "server alone (signups, confirmations, unsubscribes, erasures and approvals have their own API)");
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
