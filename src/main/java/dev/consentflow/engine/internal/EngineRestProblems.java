package dev.consentflow.engine.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.rest.exception.RestException;
import org.springframework.http.HttpStatus;
import org.xml.sax.SAXException;

/**
 * What Jersey itself refuses in {@code /engine-rest} (no such resource, a method or media type the resource does not
 * take, a parameter it cannot convert) is problem JSON with Jersey's status, like every other refusal of the server;
 * Operaton's own mapper would answer its JSON, and a {@code 500} for a status it does not know.
 */
@Provider
class EngineRestProblems implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        HttpStatus status = HttpStatus.resolve(exception.getResponse().getStatus());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here";
            case UNSUPPORTED_MEDIA_TYPE -> "This resource does not take this content type";
            case NOT_ACCEPTABLE -> "This resource does not answer in the accepted media types";
            default -> status.is5xxServerError() ? "An unexpected error occurred" : "The request is not valid";
        };
        return EngineRestAllowListFilter.problem(status, detail);
    }

    /** A deployment outside the key's account ({@link AccountDeploymentGuard}): {@code 403} problem JSON. */
    @Provider
    static class DeploymentRefused implements ExceptionMapper<AccountDeploymentGuard.Refused> {

        @Override
        public Response toResponse(AccountDeploymentGuard.Refused exception) {
            return EngineRestAllowListFilter.problem(HttpStatus.FORBIDDEN, exception.getMessage());
        }
    }

    /**
     * Engine exceptions that are the caller's mistake, which the engine throws as a plain
     * {@link ProcessEngineException} and Operaton answers with {@code 500}: a deployment the engine cannot read as
     * XML ({@code 400}, with the parser's message), and deleting a deployment whose instances still run without
     * {@code cascade=true} ({@code 409}). Chosen before Operaton's own mapper of the same type by its priority;
     * every other engine exception stays with Operaton's mapper.
     */
    @Provider
    @Priority(1000)
    static class CallersMistake implements ExtendedExceptionMapper<ProcessEngineException> {

        /** Operaton's code for "deletion of process definition without cascading failed". */
        static final String RUNNING_INSTANCES = "ENGINE-03076";

        @Override
        public boolean isMappable(ProcessEngineException exception) {
            return unreadableXml(exception) || runningInstances(exception);
        }

        @Override
        public Response toResponse(ProcessEngineException exception) {
            if (runningInstances(exception)) {
                return EngineRestAllowListFilter.problem(HttpStatus.CONFLICT,
                        "The deployment's processes still run: delete it with ?cascade=true to end them too");
            }
            return EngineRestAllowListFilter.problem(HttpStatus.BAD_REQUEST, exception.getMessage());
        }

        private static boolean unreadableXml(Throwable exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SAXException) {
                    return true;
                }
            }
            return false;
        }

        private static boolean runningInstances(ProcessEngineException exception) {
            return exception.getMessage() != null && exception.getMessage().startsWith(RUNNING_INSTANCES);
        }
    }

    /**
     * Refusals of the engine that the request caused, which Operaton's resources wrap into a {@code 500}
     * {@link RestException}: {@code 400} with the engine's own message. A variable of a type this server does not
     * store (flows hold ids and primitive values only), a start that skips the listeners without saying where to
     * start, a condition that a variable's value makes non-Boolean.
     */
    @Provider
    @Priority(1000)
    static class RequestsMistake implements ExtendedExceptionMapper<RestException> {

        private static final List<String> CAUSED_BY_THE_REQUEST = List.of(
                "Cannot find serializer for value", "ENGINE-13024", "condition expression returns non-Boolean");

        @Override
        public boolean isMappable(RestException exception) {
            return exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR && causedByRequest(exception) != null;
        }

        @Override
        public Response toResponse(RestException exception) {
            String detail = causedByRequest(exception).startsWith(CAUSED_BY_THE_REQUEST.get(0))
                    ? "A variable's type is not accepted: flows hold ids and primitive values only (String, Boolean, "
                    + "Integer, Long, Double, Date, Null)"
                    : exception.getMessage();
            return EngineRestAllowListFilter.problem(HttpStatus.BAD_REQUEST, detail);
        }

        private static String causedByRequest(Throwable exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                String message = cause.getMessage();
                if (message != null) {
                    for (String known : CAUSED_BY_THE_REQUEST) {
                        if (message.contains(known)) {
                            return known;
                        }
                    }
                }
            }
            return null;
        }
    }

    /** A body that is not JSON: {@code 400} problem JSON, before Operaton's mapper, which answers plain text. */
    @Provider
    @Priority(1000)
    static class UnreadableJson implements ExceptionMapper<JsonParseException> {

        @Override
        public Response toResponse(JsonParseException exception) {
            return EngineRestAllowListFilter.problem(HttpStatus.BAD_REQUEST,
                    "The body is not valid JSON: " + exception.getOriginalMessage());
        }
    }

    /** JSON of the wrong shape: {@code 400} problem JSON, before Operaton's mapper, which answers plain text. */
    @Provider
    @Priority(1000)
    static class MisshapenJson implements ExceptionMapper<JsonMappingException> {

        @Override
        public Response toResponse(JsonMappingException exception) {
            return EngineRestAllowListFilter.problem(HttpStatus.BAD_REQUEST,
                    "The JSON body does not fit this resource: " + exception.getOriginalMessage());
        }
    }
}
