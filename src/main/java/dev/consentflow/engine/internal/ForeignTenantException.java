package dev.consentflow.engine.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.cfg.CommandChecker;

/**
 * A key acted on what is not its account's to act on: another account's instance, task, job or deployment, or
 * the platform's shared definitions. Answered like an unknown id ({@code 404}, {@link ForeignTenantExceptionMapper}),
 * as if it did not exist. An {@link AuthorizationException}, because Operaton's REST resources pass those on
 * unchanged where they wrap other engine exceptions into a {@code 500}.
 */
class ForeignTenantException extends AuthorizationException {

    ForeignTenantException(String message) {
        super(message);
    }

    /**
     * The checker, with each of its refusals as a {@code ForeignTenantException}: Operaton's tenant check refuses
     * with a plain {@link ProcessEngineException}, which the REST API answers with {@code 500}.
     */
    static CommandChecker refusing(CommandChecker tenantChecker) {
        return (CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
                new Class<?>[] {CommandChecker.class}, (proxy, method, arguments) -> {
                    try {
                        return method.invoke(tenantChecker, arguments);
                    } catch (InvocationTargetException e) {
                        Throwable refusal = e.getCause();
                        if (refusal instanceof ProcessEngineException && !(refusal instanceof AuthorizationException)) {
                            throw new ForeignTenantException(refusal.getMessage());
                        }
                        throw refusal;
                    }
                });
    }
}
