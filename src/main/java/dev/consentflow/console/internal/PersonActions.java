package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.ContactNotErased;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.Permissions;
import dev.consentflow.contacts.Resubscription;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.privacy.PersonRights;
import dev.consentflow.privacy.PersonRights.ErasureTicket;
import dev.consentflow.subscription.Resubscriptions;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The card's buttons: Export (JSON, Excel), Evidence pack (a ZIP, for a tombstone too), Delete (erasure with a reason; four-eyes when the account asks for
 * it) and Resubscribe on a tombstone. Each is a POST with the form's CSRF token, asked for a confirmation on the
 * card first, and answers with the card and its outcome. A repeated Delete finds the open request and changes
 * nothing.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
class PersonActions {

    private final Permissions contacts;
    private final PersonRights rights;
    private final Resubscriptions resubscriptions;

    PersonActions(Permissions contacts, PersonRights rights, Resubscriptions resubscriptions) {
        this.contacts = contacts;
        this.rights = rights;
        this.resubscriptions = resubscriptions;
    }

    @PostMapping("/app/people/{id}/export")
    void export(@PathVariable UUID id, @RequestParam String format, @AuthenticationPrincipal Caller caller,
                HttpServletResponse response) throws IOException {
        Permission permission = permission(caller, id);
        if (permission == Permission.DELETED) {
            throw new ContactAlreadyErased("export.tombstone");
        }
        rights.exportPerson(caller, new SubscriberId(id), format, response);
    }

    /** One ZIP with the export, the audit entries, the chain head and how to verify them; a tombstone too. */
    @PostMapping("/app/people/{id}/evidence")
    void evidence(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, HttpServletResponse response)
            throws IOException {
        permission(caller, id);
        rights.evidencePack(caller, new SubscriberId(id), response);
    }

    @PostMapping("/app/people/{id}/erase")
    String erase(@PathVariable UUID id, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String confirm, @AuthenticationPrincipal Caller caller) {
        if (!"yes".equals(confirm)) {
            throw new InvalidInputException("confirm", "erase.confirmMissing");
        }
        ErasureTicket ticket = rights.requestErasure(caller, new SubscriberId(id), reason);
        return "redirect:/app/people/" + id + "?erasure=" + (ticket.created() ? ticket.status() : "ALREADY_OPEN");
    }

    @PostMapping("/app/people/{id}/resubscribe")
    String resubscribe(@PathVariable UUID id, @RequestParam String list, @RequestParam(required = false) String email,
                       @RequestParam(required = false) String mobile, @AuthenticationPrincipal Caller caller) {
        if (permission(caller, id) != Permission.DELETED) {
            throw new ContactNotErased("resubscribe.notErased");
        }
        ConsentEvidence evidence = new ConsentEvidence(Instant.now().truncatedTo(ChronoUnit.MICROS),
                null, null, null, null, null);
        String channel = resubscriptions.resubscribe(caller.requireAccount(), new Resubscription(new SubscriberId(id),
                blankToNull(email), blankToNull(mobile), null, list, evidence));
        return "redirect:/app/people/" + id + "?resubscribed=" + channel;
    }

    private Permission permission(Caller caller, UUID id) {
        return contacts.permission(caller.requireAccount(), new SubscriberId(id))
                .orElseThrow(() -> new NotFoundException("Contact"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
