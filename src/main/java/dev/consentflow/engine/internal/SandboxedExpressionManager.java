package dev.consentflow.engine.internal;

import jakarta.el.ArrayELResolver;
import jakarta.el.BeanELResolver;
import jakarta.el.CompositeELResolver;
import jakarta.el.ELResolver;
import jakarta.el.ListELResolver;
import jakarta.el.MapELResolver;
import java.util.Set;
import org.operaton.bpm.engine.impl.el.JuelExpressionManager;
import org.operaton.bpm.engine.impl.el.VariableContextElResolver;
import org.operaton.bpm.engine.impl.el.VariableScopeElResolver;
import org.springframework.beans.factory.BeanFactory;

/**
 * The engine's expressions without the whole application context: Operaton's Spring integration exposes every
 * bean to every expression; this one exposes the delegates only, each to its own side ({@link FlowSandboxResolver}).
 */
final class SandboxedExpressionManager extends JuelExpressionManager {

    private final BeanFactory beans;
    private final Set<String> accountDelegates;
    private final Set<String> platformDelegates;

    SandboxedExpressionManager(BeanFactory beans, Set<String> accountDelegates, Set<String> platformDelegates) {
        this.beans = beans;
        this.accountDelegates = accountDelegates;
        this.platformDelegates = platformDelegates;
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(FlowSandboxResolver.guard());
        resolver.add(new VariableScopeElResolver());
        resolver.add(new VariableContextElResolver());
        resolver.add(FlowSandboxResolver.delegates(beans, accountDelegates, platformDelegates));
        resolver.add(new ArrayELResolver());
        resolver.add(new ListELResolver());
        resolver.add(new MapELResolver());
        resolver.add(new BeanELResolver());
        return resolver;
    }
}
