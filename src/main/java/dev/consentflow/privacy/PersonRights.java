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

    /** Whether the account asks for a second person's approval of each erasure. */
    boolean erasureApprovalRequired(AccountId account);

    /** An erasure request as its requester sees it: new or already open, and its status. */
    record ErasureTicket(UUID requestId, String status, boolean created) {
    }

    /** An access request waiting for its export, with the GDPR's due date (Art. 12(3)). */
    record OpenAccessRequest(UUID requestId, UUID subscriberId, String requestedBy, Instant requestedAt,
                             Instant dueAt, boolean overdue) {
    }

    /** An erasure waiting for a decision, with the requester's reason. */
    record OpenErasure(UUID requestId, UUID subscriberId, String requestedBy, Instant requestedAt, String reason) {
    }
}
