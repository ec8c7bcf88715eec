package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.campaigns.Campaigns;
import dev.consentflow.campaigns.Campaigns.CampaignSummary;
import dev.consentflow.campaigns.Templates;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.web.InvalidInputException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The marketer's campaigns: the list (newest first, in pages), a new campaign, and its schedule. */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class CampaignsPage {

    static final int PAGE = 20;

    private final Campaigns campaigns;
    private final Templates templates;
    private final MailingLists lists;
    private final ConsoleTimeZone zones;

    CampaignsPage(Campaigns campaigns, Templates templates, MailingLists lists, ConsoleTimeZone zones) {
        this.zones = zones;
        this.campaigns = campaigns;
        this.templates = templates;
        this.lists = lists;
    }

    @GetMapping("/app/campaigns")
    String all(@RequestParam(required = false) UUID before, @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        List<CampaignSummary> page = campaigns.campaigns(account, before, PAGE);
        model.addAttribute("campaigns", page);
        model.addAttribute("older", page.size() == PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("paged", before != null);
        model.addAttribute("lists", lists.counts(account));
        model.addAttribute("templates", templates.templates(account));
        return "console/campaigns";
    }

    @PostMapping("/app/campaigns")
    String create(@RequestParam String name, @RequestParam String list, @RequestParam String template,
                  @AuthenticationPrincipal Caller caller) {
        UUID id = campaigns.create(caller.requireAccount(), MarketingInput.line("name", name, 200, true),
                MarketingInput.key("list", list), MarketingInput.key("template", template));
        return "redirect:/app/campaigns/" + id + "?created";
    }

    /**
     * A time in the reader's zone (the one every page shows times in, named beside the field) as the datetime-local
     * field gives it ({@code 2026-12-24T09:00}); empty takes it off.
     */
    @PostMapping("/app/campaigns/{id}/schedule")
    String schedule(@PathVariable UUID id, @RequestParam(required = false) String at,
                    @AuthenticationPrincipal Caller caller) {
        try {
            campaigns.schedule(caller.requireAccount(), id, at == null || at.isBlank() ? null
                    : LocalDateTime.parse(at).atZone(zones.current()).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("at", "must be a date and time like 2026-12-24T09:00");
        }
        return "redirect:/app/campaigns/" + id + "?scheduled";
    }
}
