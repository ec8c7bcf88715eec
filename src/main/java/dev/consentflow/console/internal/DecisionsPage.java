package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.privacy.PersonRights;
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
 * waiting for their export, with their due date (overdue ones in red).
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
class DecisionsPage {

    private final PersonRights rights;
    private final ActorNames actors;

    DecisionsPage(PersonRights rights, ActorNames actors) {
        this.rights = rights;
        this.actors = actors;
    }

    @GetMapping("/app/decisions")
    String inbox(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("erasures", rights.pendingErasures(caller));
        model.addAttribute("accessRequests", rights.openAccessRequests(caller.requireAccount()));
        model.addAttribute("actors", actors.forAccount(caller.requireAccount()));
        model.addAttribute("myActor", caller.actor());
        return "console/decisions";
    }

    @PostMapping("/app/decisions/erasures/{id}")
    String decide(@PathVariable UUID id, @RequestParam String decision, @AuthenticationPrincipal Caller caller) {
        boolean approve = "approve".equals(decision);
        rights.decideErasure(caller, id, approve);
        return "redirect:/app/decisions?" + (approve ? "approved" : "rejected");
    }
}
