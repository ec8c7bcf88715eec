package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.contacts.ContactExports;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.privacy.internal.AccessRequest.Status;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access requests (GDPR Art. 15 with the deadline of Art. 12(3)): recorded with their due date, escalated by the
 * access-request process when it passes, and answered by delivering the person's export. Audited throughout.
 */
@Component
class AccessRequests {

    static final String SYSTEM = "system:access-request";

    private final AccessRequestRepository requests;
    private final JdbcAggregateTemplate aggregates;
    private final ContactExports contacts;
    private final ExportProcesses processes;
    private final ExportAudit audit;
    private final ExportSettings settings;

    AccessRequests(AccessRequestRepository requests, JdbcAggregateTemplate aggregates, ContactExports contacts,
                   ExportProcesses processes, ExportAudit audit, ExportSettings settings) {
        this.requests = requests;
        this.aggregates = aggregates;
        this.contacts = contacts;
        this.processes = processes;
        this.audit = audit;
        this.settings = settings;
    }

    @Transactional
    AccessRequest open(Caller caller, UUID subscriberId) {
        if (subscriberId == null) {
            throw new InvalidInputException("subscriberId", "is required");
        }
        AccountId account = caller.requireAccount();
        if (!contacts.exists(account, new SubscriberId(subscriberId))) {
            throw new NotFoundException("Contact");
        }
        Instant now = now();
        AccessRequest request = aggregates.insert(AccessRequest.open(account.value(), subscriberId, caller.actor(),
                now, settings.accessDueAt(now).truncatedTo(ChronoUnit.MICROS)));
        String instance = processes.startAccessRequest(request);
        request = requests.save(request.started(instance));
        audit.append(account, subscriberId, AuditAction.ACCESS_REQUESTED, caller.actor(), instance,
                ExportAudit.detail("requestId", request.id(), "dueAt", request.dueAt()));
        return request;
    }

    @Transactional(readOnly = true)
    List<AccessRequest> of(AccountId account, boolean overdueOnly) {
        Instant now = Instant.now();
        return requests.findByAccountIdOrderByRequestedAtDesc(account.value()).stream()
                .filter(r -> !overdueOnly || r.overdueAt(now))
                .toList();
    }

    @Transactional(readOnly = true)
    AccessRequest find(AccountId account, UUID id) {
        return requests.findByIdAndAccountId(id, account.value())
                .orElseThrow(() -> new NotFoundException("Access request"));
    }

    /**
     * The person's export was delivered to the requester: completes the officers' task, whose process records
     * the delivery ({@link #recordDelivery}). A request delivered before stays as it was.
     */
    @Transactional
    void delivered(Caller caller, UUID id) {
        AccessRequest request = requests.findLockedById(id)
                .filter(r -> r.accountId().equals(caller.requireAccount().value()))
                .orElseThrow(() -> new NotFoundException("Access request"));
        if (request.status() == Status.OPEN && !processes.delivered(request.processInstanceId(), caller.actor())) {
            recordDelivery(id, caller.actor(), request.processInstanceId());
        }
    }

    /** {@code Task_RecordAccessDelivery}: answered, by whom and when. */
    @Transactional
    void recordDelivery(UUID id, String deliveredBy, String instance) {
        AccessRequest request = requests.findLockedById(id).orElseThrow();
        if (request.status() != Status.OPEN) {
            return;
        }
        AccessRequest delivered = requests.save(request.delivered(deliveredBy, now()));
        audit.append(new AccountId(delivered.accountId()), delivered.subscriberId(), AuditAction.ACCESS_DELIVERED,
                deliveredBy, instance, ExportAudit.detail("requestId", id, "dueAt", delivered.dueAt(),
                        "inTime", !delivered.deliveredAt().isAfter(delivered.dueAt())));
    }

    /** {@code Task_EscalateAccessRequest}: the due date passed undelivered. */
    @Transactional
    void escalate(UUID id, String instance) {
        AccessRequest request = requests.findLockedById(id).orElseThrow();
        if (request.status() != Status.OPEN || request.escalatedAt() != null) {
            return;
        }
        AccessRequest escalated = requests.save(request.escalated(now()));
        audit.append(new AccountId(escalated.accountId()), escalated.subscriberId(), AuditAction.ACCESS_OVERDUE,
                SYSTEM, instance, ExportAudit.detail("requestId", id, "dueAt", escalated.dueAt()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
