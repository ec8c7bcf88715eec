package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access requests made on a person's behalf (ADMIN, COMPLIANCE): recorded with their due date
 * ({@code POST /api/access-requests}), listed ({@code ?overdue=true}: those past due, which the access-request
 * process has escalated), and answered by downloading the person's export through
 * {@code GET /api/access-requests/{id}/download?format=json|xlsx}, which completes the request.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
class AccessRequestController {

    private final AccessRequests requests;
    private final AccessDelivery delivery;

    AccessRequestController(AccessRequests requests, AccessDelivery delivery) {
        this.requests = requests;
        this.delivery = delivery;
    }

    record NewAccessRequest(UUID subscriberId) {
    }

    record AccessRequestView(UUID id, UUID subscriberId, AccessRequest.Status status, String requestedBy,
                             Instant requestedAt, Instant dueAt, boolean overdue, Instant escalatedAt,
                             Instant deliveredAt, String deliveredBy) {

        static AccessRequestView of(AccessRequest r) {
            return new AccessRequestView(r.id(), r.subscriberId(), r.status(), r.requestedBy(), r.requestedAt(),
                    r.dueAt(), r.overdueAt(Instant.now()), r.escalatedAt(), r.deliveredAt(), r.deliveredBy());
        }
    }

    @PostMapping("/api/access-requests")
    @ResponseStatus(HttpStatus.CREATED)
    AccessRequestView open(@RequestBody NewAccessRequest body, @AuthenticationPrincipal Caller caller) {
        return AccessRequestView.of(requests.open(caller, body.subscriberId()));
    }

    @GetMapping("/api/access-requests")
    List<AccessRequestView> all(@RequestParam(defaultValue = "false") boolean overdue,
                                @AuthenticationPrincipal Caller caller) {
        return requests.of(caller.requireAccount(), overdue).stream().map(AccessRequestView::of).toList();
    }

    @GetMapping("/api/access-requests/{id}")
    AccessRequestView one(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return AccessRequestView.of(requests.find(caller.requireAccount(), id));
    }

    /** The person's export, for the requester to hand over; once written whole, the request is answered. */
    @GetMapping("/api/access-requests/{id}/download")
    void download(@PathVariable UUID id, @RequestParam(required = false) String format,
                  @AuthenticationPrincipal Caller caller, HttpServletResponse response) throws IOException {
        delivery.deliver(caller, id, format, response);
    }
}
