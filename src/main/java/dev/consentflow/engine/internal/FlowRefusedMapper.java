package dev.consentflow.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.web.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * {@code /engine-rest} answers a refused deployment as API.md section 9 says: {@code 400} problem JSON with
 * {@code errors: [{"field": "<element id>", "message": "<the rule>"}]}, every violation of the deployment.
 */
@Provider
class FlowRefusedMapper implements ExceptionMapper<FlowRefused> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response toResponse(FlowRefused refused) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
                "The deployment holds more than a flow may: see errors, and the README's \"What a flow may contain\"");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        List<Map<String, String>> errors = refused.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList();
        body.put("errors", errors);
        try {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.valueOf("application/problem+json"))
                    .entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
