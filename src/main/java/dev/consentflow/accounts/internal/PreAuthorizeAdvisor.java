package dev.consentflow.accounts.internal;

import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Pointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.method.AuthorizationAdvisor;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.util.function.SingletonSupplier;

/**
 * Method security for {@code @PreAuthorize}, the one method-security annotation the code uses. With its defaults
 * {@code @EnableMethodSecurity} also makes advisors for {@code @PreFilter}, {@code @PostAuthorize} and
 * {@code @PostFilter}, and at start-up every method of every bean is matched against each of them (their
 * annotation look-ups were about 0.3 s of the main thread's CPU in a profile of a start). This advisor matches
 * what Spring Security's own {@code @PreAuthorize} advisor matches, at its order, and builds the same interceptor
 * (its expression manager with the context, wrapped by the method-security observation as before) on first use.
 */
final class PreAuthorizeAdvisor implements AuthorizationAdvisor {

    private static final Pointcut POINTCUT = AuthorizationManagerBeforeMethodInterceptor.preAuthorize().getPointcut();

    private final Supplier<AuthorizationManagerBeforeMethodInterceptor> interceptor;

    PreAuthorizeAdvisor(ApplicationContext context,
                        ObjectProvider<ObjectPostProcessor<AuthorizationManager<MethodInvocation>>> postProcessors) {
        this.interceptor = SingletonSupplier.of(() -> {
            PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();
            manager.setApplicationContext(context);
            return AuthorizationManagerBeforeMethodInterceptor.preAuthorize(
                    postProcessors.getIfUnique(ObjectPostProcessor::identity).postProcess(manager));
        });
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        return interceptor.get().invoke(invocation);
    }

    @Override
    public Pointcut getPointcut() {
        return POINTCUT;
    }

    @Override
    public Advice getAdvice() {
        return this;
    }

    @Override
    public int getOrder() {
        return AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder();
    }

    @Override
    public boolean isPerInstance() {
        return true;
    }
}
