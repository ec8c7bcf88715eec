package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import dev.consentflow.privacy.PersonRights;
import dev.consentflow.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inbox of decisions: erasures waiting for a second person's approval, decided here (never by their
 * requester: the four-eyes rule of the erasure process answers that with a clear page), and access requests
 * waiting for their export, with their due date (overdue ones in red), delivered from here (the person's export
 * downloads, audited EXPORTED with the request's id, and the request is answered), and operators' export requests waiting for
 * the account's approval (an ADMIN decides them, after ticking a confirmation; the export-approval process records
 * the decision with the user as actor, as {@code POST /api/export-requests/{id}/approve|reject} does).
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
class DecisionsPage {

    private final PersonRights rights;
    private final ActorNames actors;
    private final DetailWords words;

    DecisionsPage(PersonRights rights, ActorNames actors, DetailWords words) {
        this.rights = rights;
        this.actors = actors;
        this.words = words;
    }

    @GetMapping("/app/decisions")
    String inbox(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("erasures", rights.pendingErasures(caller));
        model.addAttribute("accessRequests", rights.openAccessRequests(caller.requireAccount()));
        ActorNames.Resolver names = actors.forAccount(caller.requireAccount());
        model.addAttribute("actors", names);
        model.addAttribute("words", words.forPage(caller.requireAccount(), names, java.util.List.of()));
        model.addAttribute("myActor", caller.actor());
        model.addAttribute("exportRequests", rights.pendingExportRequests(caller.requireAccount()));
        model.addAttribute("admin", caller.role() == Role.ADMIN);
        return "console/decisions";
    }

    @PostMapping("/app/decisions/erasures/{id}")
    String decide(@PathVariable UUID id, @RequestParam String decision, @AuthenticationPrincipal Caller caller) {
        boolean approve = "approve".equals(decision);
        rights.decideErasure(caller, id, approve);
        return "redirect:/app/decisions?" + (approve ? "approved" : "rejected");
    }

    /** The person's export for the access request (JSON or Excel); the download answers the request. */
    @PostMapping("/app/decisions/access-requests/{id}/deliver")
    void deliverAccess(@PathVariable UUID id, @RequestParam(required = false) String format,
                       @RequestParam(required = false) String confirm, @AuthenticationPrincipal Caller caller,
                       HttpServletResponse response) throws IOException {
        if (!"yes".equals(confirm)) {
            throw new InvalidInputException("confirm", "access.confirmMissing");
        }
        rights.deliverAccessRequest(caller, id, format, response);
    }

    @PostMapping("/app/decisions/export-requests/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    String decideExport(@PathVariable UUID id, @RequestParam String decision,
                        @RequestParam(required = false) String confirm, @AuthenticationPrincipal Caller caller) {
        if (!"yes".equals(confirm)) {
            throw new InvalidInputException("confirm", "exportRequest.confirmMissing");
        }
        boolean approve = "approve".equals(decision);
        if (!approve && !"reject".equals(decision)) {
            throw new InvalidInputException("decision", "must be approve or reject");
        }
        rights.decideExportRequest(caller, id, approve);
        return "redirect:/app/decisions?" + (approve ? "exportApproved" : "exportRejected");
    }
}
