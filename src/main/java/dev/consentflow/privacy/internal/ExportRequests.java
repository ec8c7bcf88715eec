package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.contacts.ContactExports;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.privacy.RequestAlreadyDecided;
import dev.consentflow.privacy.internal.ExportRequest.Status;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Operators' export requests (API.md section 5): recorded, put before the account's admins by the
 * export-approval process, decided through the API or the tasklist, and downloadable only while released.
 * Every step is audited in the account's chain.
 */
@Component
class ExportRequests {

    static final String SYSTEM = "system:export-approval";

    private final ExportRequestRepository requests;
    private final JdbcAggregateTemplate aggregates;
    private final Accounts accounts;
    private final MailingLists lists;
    private final ContactExports contacts;
    private final ExportProcesses processes;
    private final ExportAudit audit;
    private final ExportSettings settings;

    ExportRequests(ExportRequestRepository requests, JdbcAggregateTemplate aggregates, Accounts accounts,
                   MailingLists lists, ContactExports contacts, ExportProcesses processes,
                   ExportAudit audit, ExportSettings settings) {
        this.settings = settings;
        this.requests = requests;
        this.aggregates = aggregates;
        this.accounts = accounts;
        this.lists = lists;
        this.contacts = contacts;
        this.processes = processes;
        this.audit = audit;
    }

    /** An operator asks for an export; it waits for the account's approval. */
    @Transactional
    ExportRequest request(Caller operator, UUID accountId, String listKey, UUID subscriberId, String format) {
        if (accountId == null) {
            throw new InvalidInputException("account", "is required");
        }
        if (listKey != null && subscriberId != null) {
            throw new InvalidInputException("subscriberId", "give either a list or a subscriberId, not both");
        }
        ExportFormat chosen = ExportFormat.parse("format", format,
                subscriberId != null ? ExportFormat.PERSON : ExportFormat.TABLE);
        AccountId account = new AccountId(accountId);
        if (!accounts.exists(account)) {
            throw new NotFoundException("Account");
        }
        if (listKey != null && lists.findList(account, listKey).isEmpty()) {
            throw new NotFoundException("List");
        }
        if (subscriberId != null && !contacts.exists(account, new SubscriberId(subscriberId))) {
            throw new NotFoundException("Contact");
        }
        ExportRequest request = aggregates.insert(ExportRequest.pending(accountId, listKey, subscriberId, chosen,
                operator.actor(), now()));
        String instance = processes.startApproval(request);
        request = requests.save(request.started(instance));
        audit.append(account, subscriberId, AuditAction.EXPORT_REQUESTED, operator.actor(), instance,
                ExportAudit.detail("requestId", request.id(), "scope", request.scope(), "list", listKey,
                        "format", chosen.extension()));
        return request;
    }

    @Transactional(readOnly = true)
    List<ExportRequest> of(AccountId account) {
        return requests.findByAccountIdOrderByRequestedAtDesc(account.value());
    }

    /** A request as the caller may see it: an admin those of its account, an operator any. */
    @Transactional(readOnly = true)
    ExportRequest find(Caller caller, UUID id) {
        return (caller.isOperator() ? requests.findById(id)
                : requests.findByIdAndAccountId(id, caller.requireAccount().value()))
                .orElseThrow(() -> new NotFoundException("Export request"));
    }

    /** An admin decides; the process records the decision ({@link #release} or {@link #recordRejection}). */
    @Transactional
    ExportRequest decide(Caller admin, UUID id, boolean approve) {
        ExportRequest request = requests.findLockedById(id)
                .filter(r -> r.accountId().equals(admin.requireAccount().value()))
                .orElseThrow(() -> new NotFoundException("Export request"));
        if (request.status() != Status.PENDING_APPROVAL
                || !processes.decide(request.processInstanceId(), approve, admin.actor())) {
            throw new RequestAlreadyDecided("This export request was decided already or has expired ("
                    + request.status() + ")");
        }
        return requests.findById(id).orElseThrow();
    }

    /** {@code Task_ReleaseExport}: approved; downloadable for the configured time. */
    @Transactional
    void release(UUID id, String decidedBy, String instance) {
        ExportRequest request = requests.findLockedById(id).orElseThrow();
        if (request.status() != Status.PENDING_APPROVAL) {
            return;
        }
        Instant expiresAt = now().plus(settings.releaseValidFor());
        ExportRequest approved = requests.save(request.approved(decidedBy, now(), expiresAt));
        audit.append(new AccountId(approved.accountId()), approved.subscriberId(), AuditAction.EXPORT_APPROVED,
                decidedBy, instance, ExportAudit.detail("requestId", id, "scope", approved.scope(),
                        "list", approved.listKey(), "releaseExpiresAt", expiresAt));
    }

    /** {@code Task_RecordExportRejection}: refused; never downloadable. */
    @Transactional
    void recordRejection(UUID id, String decidedBy, String instance) {
        ExportRequest request = requests.findLockedById(id).orElseThrow();
        if (request.status() != Status.PENDING_APPROVAL) {
            return;
        }
        ExportRequest rejected = requests.save(request.rejected(decidedBy, now()));
        audit.append(new AccountId(rejected.accountId()), rejected.subscriberId(), AuditAction.EXPORT_REJECTED,
                decidedBy, instance, ExportAudit.detail("requestId", id, "scope", rejected.scope(),
                        "list", rejected.listKey()));
    }

    /** {@code Task_ExpireExportRequest} and {@code Task_CloseExportRelease}: undecided in time, or run out. */
    @Transactional
    void expire(UUID id, String instance) {
        ExportRequest request = requests.findLockedById(id).orElseThrow();
        if (request.status() != Status.PENDING_APPROVAL && request.status() != Status.APPROVED) {
            return;
        }
        String reason = request.status() == Status.APPROVED ? "release ran out" : "not decided in time";
        requests.save(request.expired());
        audit.append(new AccountId(request.accountId()), request.subscriberId(), AuditAction.EXPORT_EXPIRED,
                SYSTEM, instance, ExportAudit.detail("requestId", id, "reason", reason));
    }

    /**
     * The operator's download: {@code 403} until approved (or when refused), {@code 410} once the release ran
     * out, else counted and audited EXPORTED, and answered for the file to stream.
     */
    @Transactional
    ExportRequest download(Caller operator, UUID id) {
        ExportRequest request = requests.findLockedById(id).orElseThrow(() -> new NotFoundException("Export request"));
        Instant now = now();
        if (request.status() == Status.PENDING_APPROVAL || request.status() == Status.REJECTED) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, request.status() == Status.REJECTED
                    ? "The account refused this export" : "This export waits for the account's approval");
        }
        if (!request.downloadableAt(now)) {
            throw new ResponseStatusException(HttpStatus.GONE, "This export's release has expired");
        }
        ExportRequest counted = requests.save(request.downloaded());
        audit.append(new AccountId(counted.accountId()), counted.subscriberId(), AuditAction.EXPORTED,
                operator.actor(), counted.processInstanceId(), ExportAudit.detail("requestId", id,
                        "scope", counted.scope(), "list", counted.listKey(), "format", counted.format(),
                        "approvedBy", counted.decidedBy()));
        return counted;
    }

    /**
     * The people in a list or account export the operator downloaded: one EXPORTED entry each (actor the operator,
     * the request's id), so each person's timeline says who received their data. Written in bulk.
     */
    void recordRecipients(Caller operator, ExportRequest request, List<UUID> people) {
        audit.appendForEach(new AccountId(request.accountId()), AuditAction.EXPORTED, operator.actor(),
                request.processInstanceId(), ExportAudit.detail("requestId", request.id(), "scope", request.scope(),
                        "list", request.listKey(), "format", request.format(), "approvedBy", request.decidedBy()),
                people);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
