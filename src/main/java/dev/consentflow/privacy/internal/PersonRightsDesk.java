package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.privacy.PersonRights;
import dev.consentflow.privacy.internal.ErasureProcess.Decision;
import dev.consentflow.privacy.internal.ErasureRequest.Status;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@link PersonRights} on the classes the REST controllers use, so both ways in behave alike. */
@Component
class PersonRightsDesk implements PersonRights {

    private final ExportFiles files;
    private final ExportAudit audit;
    private final ErasureRequests erasures;
    private final ErasureViews views;
    private final ErasureSettings settings;
    private final AccessRequests accessRequests;
    private final EvidencePack evidence;
    private final ExportRequests exportRequests;
    private final AccessDelivery accessDelivery;

    PersonRightsDesk(ExportFiles files, ExportAudit audit, ErasureRequests erasures, ErasureViews views,
                     ErasureSettings settings, AccessRequests accessRequests, EvidencePack evidence,
                     ExportRequests exportRequests, AccessDelivery accessDelivery) {
        this.accessDelivery = accessDelivery;
        this.evidence = evidence;
        this.exportRequests = exportRequests;
        this.accessRequests = accessRequests;
        this.files = files;
        this.audit = audit;
        this.erasures = erasures;
        this.views = views;
        this.settings = settings;
    }

    @Override
    public void exportPerson(Caller caller, SubscriberId subscriber, String format, HttpServletResponse response)
            throws IOException {
        ExportFormat chosen = ExportFormat.parse("format", format, ExportFormat.PERSON);
        AccountId account = caller.requireAccount();
        files.requirePerson(account, subscriber);
        audit.append(account, subscriber.value(), AuditAction.EXPORTED, caller.actor(),
                ExportAudit.detail("scope", "person", "format", chosen.extension()));
        files.person(account, subscriber, chosen,
                ExportDownload.start(response, chosen, "contact-" + subscriber.value()));
    }

    @Override
    public void evidencePack(Caller caller, SubscriberId subscriber, HttpServletResponse response)
            throws IOException {
        AccountId account = caller.requireAccount();
        files.requirePerson(account, subscriber);
        audit.append(account, subscriber.value(), AuditAction.EXPORTED, caller.actor(),
                ExportAudit.detail("scope", "person", "format", "zip", "pack", "evidence"));
        evidence.write(account, subscriber,
                ExportDownload.start(response, "application/zip", "evidence-" + subscriber.value() + "-", "zip"));
    }

    @Override
    public void deliverAccessRequest(Caller caller, java.util.UUID requestId, String format,
                                     HttpServletResponse response) throws IOException {
        accessDelivery.deliver(caller, requestId, format, response);
    }

    @Override
    public List<PendingExportRequest> pendingExportRequests(AccountId account) {
        return exportRequests.of(account).stream()
                .filter(r -> r.status() == ExportRequest.Status.PENDING_APPROVAL)
                .sorted(Comparator.comparing(ExportRequest::requestedAt))
                .map(r -> new PendingExportRequest(r.id(), r.scope(), r.listKey(), r.subscriberId(), r.format(),
                        r.requestedBy(), r.requestedAt()))
                .toList();
    }

    @Override
    public void decideExportRequest(Caller caller, java.util.UUID requestId, boolean approve) {
        exportRequests.decide(caller, requestId, approve);
    }

    @Override
    public ErasureTicket requestErasure(Caller caller, SubscriberId subscriber, String reason) {
        ErasureController.checkReason(reason);
        ErasureRequests.Requested requested = erasures.request(caller, subscriber.value(), reason);
        return new ErasureTicket(requested.requestId(), requested.status().name(), requested.created());
    }

    @Override
    public void decideErasure(Caller caller, java.util.UUID requestId, boolean approve) {
        erasures.decide(caller, requestId, approve ? Decision.APPROVED : Decision.REJECTED);
    }

    @Override
    public List<OpenErasure> pendingErasures(Caller caller) {
        return views.recent(caller, Status.PENDING_APPROVAL).stream()
                .sorted(Comparator.comparing(ErasureViews.ErasureView::requestedAt))
                .map(v -> new OpenErasure(v.id(), v.subscriberId(), v.requestedBy(), v.requestedAt(), v.reason()))
                .toList();
    }

    @Override
    public List<OpenAccessRequest> openAccessRequests(AccountId account) {
        java.time.Instant now = java.time.Instant.now();
        return accessRequests.of(account, false).stream()
                .filter(r -> r.status() == AccessRequest.Status.OPEN)
                .sorted(Comparator.comparing(AccessRequest::dueAt))
                .map(r -> new OpenAccessRequest(r.id(), r.subscriberId(), r.requestedBy(), r.requestedAt(), r.dueAt(),
                        r.overdueAt(now)))
                .toList();
    }

    @Override
    public boolean erasureApprovalRequired(AccountId account) {
        return settings.approvalRequired(account);
    }
}
