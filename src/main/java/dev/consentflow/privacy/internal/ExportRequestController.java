package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 5: operators' exports need the account's approval. An OPERATOR requests
 * ({@code POST /api/export-requests}), the account's ADMIN lists, approves or rejects, and the operator downloads
 * the file while it is released. Approval is the customer releasing the data to the operator, so the file is
 * not masked; it is produced at download time from the data as it is then (an erased person is not in it). Each
 * person in a downloaded list or account export gets an EXPORTED entry of their own (the request's id, the operator).
 */
@RestController
class ExportRequestController {

    private final ExportRequests requests;
    private final ExportFiles files;
    private final MailingLists lists;

    ExportRequestController(ExportRequests requests, ExportFiles files, MailingLists lists) {
        this.requests = requests;
        this.files = files;
        this.lists = lists;
    }

    /** {@code {"account", "list" or "subscriberId" (neither: the whole account), "format"}}. */
    record NewExportRequest(UUID account, String list, UUID subscriberId, String format) {
    }

    record ExportRequestView(UUID id, UUID account, String list, UUID subscriberId, String scope, String format,
                             ExportRequest.Status status, String requestedBy, Instant requestedAt, String decidedBy,
                             Instant decidedAt, Instant releaseExpiresAt, int downloads) {

        static ExportRequestView of(ExportRequest r) {
            return new ExportRequestView(r.id(), r.accountId(), r.listKey(), r.subscriberId(), r.scope(),
                    r.format(), r.status(), r.requestedBy(), r.requestedAt(), r.decidedBy(), r.decidedAt(),
                    r.releaseExpiresAt(), r.downloads());
        }
    }

    @PostMapping("/api/export-requests")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('OPERATOR')")
    ExportRequestView request(@RequestBody NewExportRequest body, @AuthenticationPrincipal Caller caller) {
        String list = body.list() == null || body.list().isBlank() ? null : body.list().strip();
        return ExportRequestView.of(requests.request(caller, body.account(), list, body.subscriberId(),
                body.format()));
    }

    @GetMapping("/api/export-requests")
    @PreAuthorize("hasRole('ADMIN')")
    List<ExportRequestView> all(@AuthenticationPrincipal Caller caller) {
        return requests.of(caller.requireAccount()).stream().map(ExportRequestView::of).toList();
    }

    @GetMapping("/api/export-requests/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ExportRequestView one(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return ExportRequestView.of(requests.find(caller, id));
    }

    @PostMapping("/api/export-requests/{id}/approve")
    @PreAuthorize("hasRole('ADMIN')")
    ExportRequestView approve(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return ExportRequestView.of(requests.decide(caller, id, true));
    }

    @PostMapping("/api/export-requests/{id}/reject")
    @PreAuthorize("hasRole('ADMIN')")
    ExportRequestView reject(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return ExportRequestView.of(requests.decide(caller, id, false));
    }

    @GetMapping("/api/export-requests/{id}/download")
    @PreAuthorize("hasRole('OPERATOR')")
    void download(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, HttpServletResponse response)
            throws IOException {
        ExportRequest request = requests.download(caller, id);
        AccountId account = new AccountId(request.accountId());
        ExportFormat format = request.exportFormat();
        if (request.subscriberId() != null) {
            files.requirePerson(account, new SubscriberId(request.subscriberId()));
            files.person(account, new SubscriberId(request.subscriberId()), format,
                    ExportDownload.start(response, format, "contact-" + request.subscriberId()));
            return;
        }
        ListInfo list = request.listKey() == null ? null : lists.findList(account, request.listKey())
                .orElseThrow(() -> new NotFoundException("List"));
        // Everyone whose row was written is recorded, also when the download breaks off: they were sent.
        Set<UUID> people = new LinkedHashSet<>();
        try {
            files.table(account, list, format, ExportDownload.start(response, format,
                    list == null ? "account" : "list-" + list.key()), people::add);
        } finally {
            requests.recordRecipients(caller, request, new ArrayList<>(people));
        }
    }
}
