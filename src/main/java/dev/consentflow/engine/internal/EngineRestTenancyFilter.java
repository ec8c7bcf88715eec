package dev.consentflow.engine.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.engine.EngineGroups;
import dev.consentflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs the key's account in to the engine for one {@code /engine-rest} request, after the bearer key was
 * checked: tenant id = the account id, the group of the key's role ({@link EngineGroups}), and no user id. The
 * engine's tenant check then scopes every query to the account's instances, tasks, history, jobs and deployments
 * (and the shared platform definitions), and refuses commands on another account's. No user id, because a key is
 * not a person: a task completed through {@code /engine-rest} is not a signed-in tasklist user's decision.
 */
class EngineRestTenancyFilter extends OncePerRequestFilter {

    private final Supplier<ProcessEngine> engine;

    /** The engine is looked up on the first request (the context has made it by then), not while Tomcat is set up. */
    EngineRestTenancyFilter(ObjectProvider<ProcessEngine> engine) {
        this.engine = SingletonSupplier.of(engine::getObject);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty()) {
            // Spring Security answered 401 before this; never reach the engine unscoped.
            Problems.write(response, HttpStatus.UNAUTHORIZED, "An API key is required (Authorization: Bearer <key>)");
            return;
        }
        if (caller.get().account() == null) {
            Problems.write(response, HttpStatus.FORBIDDEN, "A platform operator's key has no engine of an account");
            return;
        }
        ProcessEngine engine = this.engine.get();
        IdentityService identity = engine.getIdentityService();
        String account = caller.get().account().toString();
        RequestProcessEngineProvider.serve(engine);
        KeyRequest.begin();
        identity.setAuthentication(null, List.of(EngineGroups.of(caller.get().account(), caller.get().role())),
                List.of(account));
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
            KeyRequest.end();
            RequestProcessEngineProvider.done();
        }
    }
}
