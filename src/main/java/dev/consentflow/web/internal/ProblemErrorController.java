package dev.consentflow.web.internal;

import dev.consentflow.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside a controller (filters, the servlet container, unknown paths) end here and are answered
 * as problem JSON too, never as a white-label page or a stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = {"application/problem+json", MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            resolved = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (resolved) {
            case NOT_FOUND -> "No such resource";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here";
            case UNAUTHORIZED -> "An API key is required (Authorization: Bearer <key>)";
            case FORBIDDEN -> "This key's role may not do this";
            case BAD_REQUEST -> "The request is not valid";
            default -> resolved.is5xxServerError() ? "An unexpected error occurred" : resolved.getReasonPhrase();
        };
        return ResponseEntity.status(resolved)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(resolved, detail));
    }
}
