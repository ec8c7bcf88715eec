package dev.consentflow.engine.internal;

import dev.consentflow.accounts.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;

/**
 * Checks a deployment on the resource Jersey matched ({@code POST /deployment/create}, of the default or a named
 * engine, however the path was spelled) before the engine reads it: at most {@code maxBytes} ({@code 413}), every
 * part UTF-8 without a DOCTYPE or entities ({@link DeploymentText}, {@code 400}), and bound to the key's account
 * ({@link DeploymentTenant}: another account's {@code tenant-id} is {@code 403}).
 */
@Priority(Priorities.AUTHORIZATION + 100)
class DeploymentBodyCheck implements ContainerRequestFilter {

    static final String CREATE = "/deployment/create";

    private final long maxBytes;

    DeploymentBodyCheck(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!HttpMethod.POST.equals(request.getMethod())
                || !CREATE.equals(EngineRestAllowListFilter.template(request))) {
            return;
        }
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            request.abortWith(EngineRestAllowListFilter.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "The deployment is larger than " + maxBytes + " bytes"));
            return;
        }
        Caller caller = Caller.current().orElse(null);
        if (caller == null || caller.account() == null) {
            request.abortWith(EngineRestAllowListFilter.problem(HttpStatus.FORBIDDEN, "Only a key of an account deploys"));
            return;
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        try {
            DeploymentText.check(body, DeploymentParts.split(body, contentType));
            body = DeploymentTenant.bind(body, contentType, caller.account().toString());
        } catch (DeploymentTenant.Refused e) {
            request.abortWith(EngineRestAllowListFilter.problem(
                    e.foreign() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST, e.getMessage()));
            return;
        }
        request.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length));
        request.setEntityStream(new ByteArrayInputStream(body));
    }
}
