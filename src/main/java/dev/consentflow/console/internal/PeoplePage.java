package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.ContactLookup;
import dev.consentflow.contacts.ContactLookup.PersonRecord;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.DeliveryHistory;
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

    static final int TIMELINE_ROWS = 200;
    static final int CARD_MESSAGES = 10;

    private final ContactLookup contacts;
    private final AuditTrail audit;
    private final ActorNames actors;
    private final PersonRights rights;
    private final DeliveryHistory deliveries;
    private final DetailWords words;

    PeoplePage(ContactLookup contacts, AuditTrail audit, ActorNames actors, PersonRights rights,
               DeliveryHistory deliveries, DetailWords words) {
        this.contacts = contacts;
        this.audit = audit;
        this.actors = actors;
        this.rights = rights;
        this.deliveries = deliveries;
        this.words = words;
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
        ActorNames.Resolver names = actors.forAccount(caller.requireAccount());
        model.addAttribute("actors", names);
        model.addAttribute("messages", deliveries.recent(caller.requireAccount(), id, CARD_MESSAGES));
        model.addAttribute("words", words.forPage(caller.requireAccount(), names, List.of()));
        return "console/card";
    }

    /** Newest first, {@value #TIMELINE_ROWS} rows a page ({@code ?page=2} the next ones). */
    @GetMapping("/app/people/{id}/timeline")
    String timeline(@PathVariable UUID id, @RequestParam(defaultValue = "1") int page,
                    @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        PersonRecord person = read(caller, id);
        boolean tombstone = person.card().permission() == Permission.DELETED;
        List<Timeline.Row> rows = Timeline.of(audit.timelineOf(account, id), person.events(),
                deliveries.of(account, id), tombstone);
        int pages = Math.max(1, (rows.size() + TIMELINE_ROWS - 1) / TIMELINE_ROWS);
        int shown = Math.min(Math.max(page, 1), pages);
        List<Timeline.Row> onPage = rows.subList((shown - 1) * TIMELINE_ROWS,
                Math.min(rows.size(), shown * TIMELINE_ROWS));
        ActorNames.Resolver names = actors.forAccount(account);
        model.addAttribute("person", person);
        model.addAttribute("rows", onPage);
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("total", rows.size());
        model.addAttribute("actors", names);
        model.addAttribute("words", words.forPage(account, names, onPage.stream()
                .map(r -> r.detail().get("campaign")).filter(java.util.Objects::nonNull).map(String::valueOf)
                .collect(java.util.stream.Collectors.toSet())));
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
