package dev.consentflow.privacy.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.contacts.SubscriberId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Answers an access request by handing over the person's export: audited EXPORTED (with the request's id), the
 * request recorded as delivered, then the file streamed. The one way, for {@code GET
 * /api/access-requests/{id}/download} and the console's inbox alike.
 */
@Component
class AccessDelivery {

    private final AccessRequests requests;
    private final ExportFiles files;
    private final ExportAudit audit;

    AccessDelivery(AccessRequests requests, ExportFiles files, ExportAudit audit) {
        this.requests = requests;
        this.files = files;
        this.audit = audit;
    }

    void deliver(Caller caller, UUID id, String format, HttpServletResponse response) throws IOException {
        ExportFormat chosen = ExportFormat.parse("format", format, ExportFormat.PERSON);
        AccountId account = caller.requireAccount();
        AccessRequest request = requests.find(account, id);
        files.requirePerson(account, new SubscriberId(request.subscriberId()));
        audit.append(account, request.subscriberId(), AuditAction.EXPORTED, caller.actor(),
                request.processInstanceId(), ExportAudit.detail("scope", "person", "format", chosen.extension(),
                        "accessRequestId", id));
        // Recorded before the file streams, like the EXPORTED entry: the client has the whole file as soon as the
        // stream closes, so a status read right after the download must already say DELIVERED.
        requests.delivered(caller, id);
        files.person(account, new SubscriberId(request.subscriberId()), chosen,
                ExportDownload.start(response, chosen, "contact-" + request.subscriberId()));
    }
}
