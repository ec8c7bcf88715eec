package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.AuditTrail;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's audit log: filters by action, actor (a user's address or a key's name, in part) and period
 * (days, in the reader's time zone), newest first, and the verification of the whole chain with the first broken entry named.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
class AuditPage {

    static final int LIMIT = 1000;
    static final int SHOWN = 200;

    private final AuditTrail audit;
    private final ActorNames actors;
    private final DetailWords words;
    private final ConsoleTimeZone zones;

    AuditPage(AuditTrail audit, ActorNames actors, DetailWords words, ConsoleTimeZone zones) {
        this.audit = audit;
        this.actors = actors;
        this.words = words;
        this.zones = zones;
    }

    @GetMapping("/app/audit")
    String log(@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
               @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        AuditAction chosen = parseAction(action);
        ZoneId zone = zones.current();
        Instant since = day(from, zone);
        Instant until = day(to, zone) == null ? null : day(to, zone).plusSeconds(86_400);
        ActorNames.Resolver names = actors.forAccount(account);
        String wanted = actor == null ? "" : actor.strip().toLowerCase(Locale.ROOT);
        List<AuditRecord> found = audit.search(account, new AuditTrail.Query(chosen, since, until, null, LIMIT))
                .stream()
                .filter(r -> wanted.isEmpty() || r.actor().toLowerCase(Locale.ROOT).contains(wanted)
                        || String.valueOf(names.of(r.actor()).argument()).toLowerCase(Locale.ROOT).contains(wanted))
                .toList();
        List<AuditRecord> newestFirst = new java.util.ArrayList<>(found);
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("entries", newestFirst.size() > SHOWN ? newestFirst.subList(0, SHOWN) : newestFirst);
        model.addAttribute("total", found.size());
        model.addAttribute("actors", names);
        List<AuditRecord> shown = newestFirst.size() > SHOWN ? newestFirst.subList(0, SHOWN) : newestFirst;
        model.addAttribute("words", words.forPage(account, names, shown.stream()
                .map(r -> r.detail() == null ? null : r.detail().get("campaign")).filter(java.util.Objects::nonNull)
                .map(String::valueOf).collect(java.util.stream.Collectors.toSet())));
        model.addAttribute("actions", Arrays.stream(AuditAction.values()).map(Enum::name).sorted().toList());
        model.addAttribute("action", chosen == null ? "" : chosen.name());
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("from", since == null ? "" : from);
        model.addAttribute("to", to == null || day(to, zone) == null ? "" : to);
        model.addAttribute("chain", audit.verify(account));
        return "console/audit";
    }

    private static AuditAction parseAction(String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(action);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant day(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
