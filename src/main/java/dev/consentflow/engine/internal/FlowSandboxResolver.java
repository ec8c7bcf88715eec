package dev.consentflow.engine.internal;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.MethodNotFoundException;
import jakarta.el.PropertyNotFoundException;
import java.util.Set;
import org.operaton.bpm.engine.delegate.VariableScope;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.beans.factory.BeanFactory;

/**
 * The first resolver of every expression the engine evaluates, and the only one that reaches Spring beans.
 * In an account's flow (a definition with a tenant, or any evaluation the engine does not tie to a platform
 * definition) it refuses the engine's own objects ({@code execution}, {@code task}, ...), every property, index
 * and method of any object, and every bean but the element templates' delegates: whatever slipped past the
 * deployment's check reaches no code. In the platform's own processes only the platform's delegates resolve.
 */
final class FlowSandboxResolver extends ELResolver {

    private final BeanFactory beans;
    private final Set<String> accountDelegates;
    private final Set<String> platformDelegates;
    private final boolean guard;

    private FlowSandboxResolver(BeanFactory beans, Set<String> accountDelegates, Set<String> platformDelegates,
                                boolean guard) {
        this.beans = beans;
        this.accountDelegates = Set.copyOf(accountDelegates);
        this.platformDelegates = Set.copyOf(platformDelegates);
        this.guard = guard;
    }

    /** Goes before every other resolver: refuses what an account's flow may not reach. */
    static FlowSandboxResolver guard() {
        return new FlowSandboxResolver(null, Set.of(), Set.of(), true);
    }

    /** Goes after the variables: resolves the delegates the evaluating definition may use, and no other bean. */
    static FlowSandboxResolver delegates(BeanFactory beans, Set<String> accountDelegates, Set<String> platformDelegates) {
        return new FlowSandboxResolver(beans, accountDelegates, platformDelegates, false);
    }

    /** Whether the expression is evaluated for an account's flow rather than for one of the platform's processes. */
    static boolean inAccountFlow(ELContext context) {
        Object scope = context.getContext(VariableScope.class);
        if (scope instanceof ExecutionEntity execution && execution.getProcessDefinition() != null) {
            return execution.getProcessDefinitionTenantId() != null;
        }
        if (scope instanceof TaskEntity task && task.getProcessDefinition() != null) {
            ProcessDefinitionEntity definition = task.getProcessDefinition();
            return definition.getTenantId() != null;
        }
        return true;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (guard) {
            refuse(context, base, property);
            return null;
        }
        if (base == null && property instanceof String name) {
            Set<String> allowed = inAccountFlow(context) ? accountDelegates : platformDelegates;
            if (allowed.contains(name) && beans.containsBean(name)) {
                context.setPropertyResolved(true);
                return beans.getBean(name);
            }
        }
        return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (guard && base != null && inAccountFlow(context)) {
            throw new MethodNotFoundException("a flow calls no methods");
        }
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        if (guard) {
            refuse(context, base, property);
        }
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (guard) {
            refuse(context, base, property);
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (guard) {
            refuse(context, base, property);
        }
        return true;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base == null ? String.class : null;
    }

    private static void refuse(ELContext context, Object base, Object property) {
        if (!inAccountFlow(context)) {
            return;
        }
        if (base != null) {
            throw new PropertyNotFoundException("a flow reads no properties of objects");
        }
        if (FlowExpressions.ENGINE_NAMES.contains(String.valueOf(property))) {
            throw new PropertyNotFoundException("a flow does not reach the engine's " + property);
        }
    }
}
