package dev.consentflow.privacy;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.SubscriberId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person's rights as staff exercise them outside the REST API (the console): the same checks, audit entries and
 * processes as {@code /api/contacts/{id}/export}, {@code /erase} and {@code /api/erasure-requests}.
 */
public interface PersonRights {

    /**
     * Audits EXPORTED by the caller and streams the person's whole record ({@code json} or {@code xlsx}) into
     * the response as a download.
     *
     * @throws dev.consentflow.web.NotFoundException     no such card in the caller's account
     * @throws dev.consentflow.web.InvalidInputException an unknown format
     */
    void exportPerson(Caller caller, SubscriberId subscriber, String format, HttpServletResponse response)
            throws IOException;

    /**
     * Audits EXPORTED by the caller (detail {@code format: zip, pack: evidence}) and streams the person's evidence
     * pack into the response as one ZIP download: the export as JSON, the person's audit entries, the account's
     * chain head, a README and a script that verifies the entries' hashes offline. A tombstone gets one too: its
     * export holds only the ids it keeps, and its audit entries are the evidence.
     *
     * @throws dev.consentflow.web.NotFoundException no such card in the caller's account
     */
    void evidencePack(Caller caller, SubscriberId subscriber, HttpServletResponse response) throws IOException;

    /**
     * Asks for the erasure (the {@code gdpr-erasure} process); a request already open for the person is answered
     * instead of a second one.
     *
     * @throws dev.consentflow.contacts.ContactAlreadyErased the person is erased already
     */
    ErasureTicket requestErasure(Caller caller, SubscriberId subscriber, String reason);

    /** A second person's decision on a pending erasure (never the requester's own). */
    void decideErasure(Caller caller, UUID requestId, boolean approve);

    /** The account's erasure requests waiting for a second person's decision, oldest first. */
    List<OpenErasure> pendingErasures(Caller caller);

    /** The account's access requests not delivered yet, the earliest due first. */
    List<OpenAccessRequest> openAccessRequests(AccountId account);

    /**
     * Answers an open access request with the person's export ({@code json} or {@code xlsx}), as
     * {@code GET /api/access-requests/{id}/download} does: audited EXPORTED with the request's id, the request
     * recorded as delivered (by the caller), then the file streamed into the response. A request delivered before
     * stays as it was (the file is handed over again, audited again).
     *
     * @throws dev.consentflow.web.NotFoundException     no such request in the caller's account
     * @throws dev.consentflow.web.InvalidInputException an unknown format
     */
    void deliverAccessRequest(Caller caller, UUID requestId, String format, HttpServletResponse response)
            throws IOException;

    /** Operators' export requests of the account waiting for its approval, oldest first. */
    List<PendingExportRequest> pendingExportRequests(AccountId account);

    /**
     * An ADMIN's decision on an operator's export request, as {@code POST /api/export-requests/{id}/approve} or
     * {@code /reject}: the export-approval process records it, audited with the caller as actor.
     *
     * @throws dev.consentflow.web.NotFoundException       no such request in the caller's account
     * @throws dev.consentflow.privacy.RequestAlreadyDecided decided already or expired
     */
    void decideExportRequest(Caller caller, UUID requestId, boolean approve);

    /** Whether the account asks for a second person's approval of each erasure. */
    boolean erasureApprovalRequired(AccountId account);

    /** An erasure request as its requester sees it: new or already open, and its status. */
    record ErasureTicket(UUID requestId, String status, boolean created) {
    }

    /** An access request waiting for its export, with the GDPR's due date (Art. 12(3)). */
    record OpenAccessRequest(UUID requestId, UUID subscriberId, String requestedBy, Instant requestedAt,
                             Instant dueAt, boolean overdue) {
    }

    /** An operator's export request waiting for the account: a person's, a list's or the whole account's. */
    record PendingExportRequest(UUID requestId, String scope, String list, UUID subscriberId, String format,
                                String requestedBy, Instant requestedAt) {
    }

    /** An erasure waiting for a decision, with the requester's reason. */
    record OpenErasure(UUID requestId, UUID subscriberId, String requestedBy, Instant requestedAt, String reason) {
    }
}
