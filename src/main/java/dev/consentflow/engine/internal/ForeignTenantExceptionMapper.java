package dev.consentflow.engine.internal;

import dev.consentflow.web.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.springframework.http.HttpStatus;

/** {@code /engine-rest} answers another account's ids as unknown ones: {@code 404} problem JSON, no details. */
@Provider
class ForeignTenantExceptionMapper implements ExceptionMapper<ForeignTenantException> {

    @Override
    public Response toResponse(ForeignTenantException exception) {
        return Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.valueOf("application/problem+json"))
                .entity(Problems.json(HttpStatus.NOT_FOUND, "Not found"))
                .build();
    }
}
