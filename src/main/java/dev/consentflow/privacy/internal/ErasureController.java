package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureRequest.Status;
import dev.consentflow.privacy.internal.ErasureRequests.Requested;
import dev.consentflow.privacy.internal.ErasureViews.ErasureView;
import dev.consentflow.web.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 5, {@code POST /api/contacts/{id}/erase}, and the erasure requests with their four-eyes
 * decisions: {@code GET /api/erasure-requests}, {@code GET /api/erasure-requests/{id}},
 * {@code POST /api/erasure-requests/{id}/approve} and {@code /reject}.
 */
@RestController
class ErasureController {

    private static final String STAFF = "hasAnyRole('ADMIN', 'COMPLIANCE')";
    static final int MAX_REASON = 1000;

    private final ErasureRequests requests;
    private final ErasureViews views;

    ErasureController(ErasureRequests requests, ErasureViews views) {
        this.requests = requests;
        this.views = views;
    }

    /** {@code {"reason": "..."}}, optional: free text for the approver, deleted when the request ends. */
    record EraseRequest(String reason) {
    }

    @PostMapping("/api/contacts/{id}/erase")
    @PreAuthorize(STAFF)
    ResponseEntity<Map<String, Object>> erase(@PathVariable UUID id, @RequestBody(required = false) EraseRequest body,
                                              @AuthenticationPrincipal Caller caller) {
        String reason = body == null ? null : body.reason();
        checkReason(reason);
        Requested requested = requests.request(caller, id, reason);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("requestId", requested.requestId(), "status", requested.status()));
    }

    @GetMapping("/api/erasure-requests")
    @PreAuthorize(STAFF)
    List<ErasureView> recent(@RequestParam(required = false) Status status, @AuthenticationPrincipal Caller caller) {
        return views.recent(caller, status);
    }

    @GetMapping("/api/erasure-requests/{id}")
    @PreAuthorize(STAFF)
    ErasureView one(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return views.find(caller, id);
    }

    @PostMapping("/api/erasure-requests/{id}/approve")
    @PreAuthorize(STAFF)
    ErasureView approve(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        requests.decide(caller, id, Decision.APPROVED);
        return views.find(caller, id);
    }

    @PostMapping("/api/erasure-requests/{id}/reject")
    @PreAuthorize(STAFF)
    ErasureView reject(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        requests.decide(caller, id, Decision.REJECTED);
        return views.find(caller, id);
    }

    static void checkReason(String reason) {
        if (reason == null) {
            return;
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "is longer than " + MAX_REASON + " characters");
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') && !lineBreak) {
                throw new InvalidInputException("reason", "must not contain control characters");
            }
        }
    }
}
