package dev.consentflow.engine.internal;

import dev.consentflow.engine.ProcessRuntime;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.impl.delegate.DelegateInvocation;
import org.operaton.bpm.engine.impl.interceptor.DelegateInterceptor;

/**
 * Delegates act for the account their {@code accountId} variable names; this keeps that variable honest. An
 * instance's tenant is fixed when it starts, but a key may set variables of its own instances through
 * {@code /engine-rest}: a delegate of an instance whose {@code accountId} no longer names the instance's tenant
 * (another account's id written into it) refuses to run, so no step ever acts on another account's data.
 * Instances without a tenant (started before the engine had tenants) are not checked.
 */
final class AccountDelegateInterceptor implements DelegateInterceptor {

    private final DelegateInterceptor next;

    AccountDelegateInterceptor(DelegateInterceptor next) {
        this.next = next;
    }

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
        if (invocation.getContextExecution() instanceof DelegateExecution execution && execution.getTenantId() != null) {
            Object account = execution.getVariable(ProcessRuntime.ACCOUNT_VARIABLE);
            if (account != null && !execution.getTenantId().equals(account.toString())) {
                throw new ProcessEngineException("instance " + execution.getProcessInstanceId() + " of account "
                        + execution.getTenantId() + " names another account in " + ProcessRuntime.ACCOUNT_VARIABLE);
            }
        }
        next.handleInvocation(invocation);
    }
}
