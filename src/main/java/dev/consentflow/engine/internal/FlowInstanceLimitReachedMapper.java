package dev.consentflow.engine.internal;

import dev.consentflow.web.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.springframework.http.HttpStatus;

/** {@code /engine-rest} answers a flow start over the account's instance limit with {@code 429} naming the limit. */
@Provider
class FlowInstanceLimitReachedMapper implements ExceptionMapper<FlowInstanceLimitReached> {

    @Override
    public Response toResponse(FlowInstanceLimitReached exception) {
        return Response.status(HttpStatus.TOO_MANY_REQUESTS.value())
                .type(MediaType.valueOf("application/problem+json"))
                .entity(Problems.json(HttpStatus.TOO_MANY_REQUESTS, exception.getMessage()))
                .build();
    }
}
