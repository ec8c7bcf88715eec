package dev.consentflow.engine.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import dev.consentflow.web.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.springframework.http.HttpStatus;

/**
 * Deny by default on what Jersey matched, not on the request's path: trailing slashes, matrix parameters, doubled
 * slashes and the named engine's prefix all reach one resource, and that resource is either on the
 * {@link EngineRestAllowList} or refused with {@code 403} problem JSON naming it; a COMPLIANCE key only reads.
 * Runs after matching, before the resource reads the body.
 */
@Priority(Priorities.AUTHORIZATION)
class EngineRestAllowListFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String template = template(request);
        boolean reads = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (!reads && Caller.current().map(caller -> caller.role() == Role.COMPLIANCE).orElse(true)) {
            // Spring Security says the same by path; here it holds for every spelling of the path too.
            request.abortWith(problem(HttpStatus.FORBIDDEN, "This key's role may not do this"));
            return;
        }
        if (!EngineRestAllowList.allows(request.getMethod(), template)) {
            request.abortWith(problem(HttpStatus.FORBIDDEN, "API keys may not use the engine's resource "
                    + request.getMethod() + " " + template
                    + " (see the README's /engine-rest allow-list)"));
        }
    }

    /** The matched resource's path template, e.g. {@code /deployment/{id}/redeploy}. */
    static String template(ContainerRequestContext request) {
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        return EngineRestAllowList.template(uri.getMatchedTemplates().stream().map(UriTemplate::getTemplate).toList());
    }

    static Response problem(HttpStatus status, String detail) {
        return Response.status(status.value())
                .type(MediaType.valueOf("application/problem+json"))
                .entity(Problems.json(status, detail))
                .build();
    }
}
