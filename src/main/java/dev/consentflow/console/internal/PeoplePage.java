package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.ContactLookup;
import dev.consentflow.contacts.ContactLookup.PersonRecord;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.privacy.PersonRights;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The compliance officer's person pages: the lookup by a full address or mobile number (exact only, tombstones
 * included), the contact card in its three parts, and the timeline. Every card shown is audited as VIEWED.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
class PeoplePage {

    static final int TIMELINE_ROWS = 500;

    private final ContactLookup contacts;
    private final AuditTrail audit;
    private final ActorNames actors;
    private final PersonRights rights;

    PeoplePage(ContactLookup contacts, AuditTrail audit, ActorNames actors, PersonRights rights) {
        this.contacts = contacts;
        this.audit = audit;
        this.actors = actors;
        this.rights = rights;
    }

    @GetMapping("/app/people")
    String search(@RequestParam(required = false) String q, @AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        if (q != null && !q.isBlank()) {
            String query = q.strip();
            boolean mobile = query.startsWith("+");
            AccountId account = caller.requireAccount();
            List<PersonRecord> found = contacts.find(account, mobile ? null : query, mobile ? query : null).stream()
                    .map(id -> contacts.read(account, id)).flatMap(java.util.Optional::stream).toList();
            if (found.size() == 1) {
                return "redirect:/app/people/" + found.get(0).card().subscriberId().value();
            }
            model.addAttribute("found", found);
        }
        return "console/people";
    }

    @GetMapping("/app/people/{id}")
    String card(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        PersonRecord person = read(caller, id);
        model.addAttribute("person", person);
        model.addAttribute("rating", Rating.of(person));
        model.addAttribute("erased", person.card().permission() == Permission.DELETED);
        model.addAttribute("pendingErasure", rights.pendingErasures(caller).stream()
                .filter(e -> e.subscriberId().equals(id)).findFirst().orElse(null));
        model.addAttribute("approvalRequired", rights.erasureApprovalRequired(caller.requireAccount()));
        model.addAttribute("actors", actors.forAccount(caller.requireAccount()));
        return "console/card";
    }

    @GetMapping("/app/people/{id}/timeline")
    String timeline(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        PersonRecord person = read(caller, id);
        List<Timeline.Row> rows = Timeline.of(audit.timelineOf(account, id), person.events());
        model.addAttribute("person", person);
        model.addAttribute("rows", rows.size() > TIMELINE_ROWS ? rows.subList(0, TIMELINE_ROWS) : rows);
        model.addAttribute("more", Math.max(0, rows.size() - TIMELINE_ROWS));
        model.addAttribute("actors", actors.forAccount(account));
        model.addAttribute("chain", audit.verify(account));
        return "console/timeline";
    }

    private PersonRecord read(Caller caller, UUID id) {
        return contacts.read(caller.requireAccount(), new SubscriberId(id))
                .orElseThrow(() -> new NotFoundException("Contact"));
    }

    static void requireLive(PersonRecord person) {
        if (person.card().permission() == Permission.DELETED) {
            throw new ContactAlreadyErased("tombstone");
        }
    }
}
