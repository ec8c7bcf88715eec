package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.campaigns.CampaignAlreadySent;
import dev.consentflow.campaigns.Campaigns;
import dev.consentflow.campaigns.Campaigns.CampaignStatus;
import dev.consentflow.campaigns.Campaigns.Statistics;
import dev.consentflow.campaigns.CampaignState;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * One campaign: its send behind a confirmation that shows the audience, its progress from the ledger while it
 * sends (a fragment htmx fetches every second, until the send is over), and its charts once there is something
 * to chart. A send that was done already (a double click, a second tab) shows the campaign: one send, no error.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class CampaignPage {

    private final Campaigns campaigns;
    private final MailingLists lists;
    private final ConsoleTimeZone zones;

    CampaignPage(Campaigns campaigns, MailingLists lists, ConsoleTimeZone zones) {
        this.campaigns = campaigns;
        this.lists = lists;
        this.zones = zones;
    }

    @GetMapping("/app/campaigns/{id}")
    String one(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        var campaign = campaigns.campaign(account, id);
        model.addAttribute("campaign", campaign);
        // The list by its name, as people know it (the key, which never changes, is the link).
        model.addAttribute("listName", lists.findList(account, campaign.list()).map(ListInfo::name)
                .orElse(campaign.list()));
        progress(account, id, model);
        statistics(account, id, model);
        return "console/campaign";
    }

    @GetMapping("/app/campaigns/{id}/progress")
    String progress(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        progress(caller.requireAccount(), id, model);
        return "console/campaign :: progress";
    }

    @GetMapping("/app/campaigns/{id}/statistics")
    String statistics(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        statistics(caller.requireAccount(), id, model);
        return "console/campaign :: statistics";
    }

    @GetMapping("/app/campaigns/{id}/send")
    String confirm(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        model.addAttribute("campaign", campaigns.campaign(account, id));
        model.addAttribute("audience", campaigns.audienceNow(account, id));
        return "console/campaign-send";
    }

    @PostMapping("/app/campaigns/{id}/send")
    String send(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        try {
            campaigns.send(caller.requireAccount(), id);
        } catch (CampaignAlreadySent e) {
            return "redirect:/app/campaigns/" + id + "?already";
        }
        return "redirect:/app/campaigns/" + id + "?sending";
    }

    private void progress(AccountId account, UUID id, Model model) {
        CampaignStatus status = campaigns.status(account, id);
        long done = status.audience() - status.queued();
        model.addAttribute("status", status);
        model.addAttribute("done", done);
        model.addAttribute("percent", status.status() == CampaignState.SENT || status.audience() == 0
                ? (status.status() == CampaignState.SENT ? 100 : 0) : Math.min(100, done * 100 / status.audience()));
    }

    private void statistics(AccountId account, UUID id, Model model) {
        ZoneId zone = zones.current();
        Statistics statistics = campaigns.statistics(account, id, zone);
        model.addAttribute("statistics", statistics);
        model.addAttribute("timelineChart", Charts.timeline(statistics, zone));
        model.addAttribute("moments", statistics.timeline().stream().map(m -> Charts.moment(statistics, m, zone))
                .toList());
        model.addAttribute("linksChart", Charts.links(statistics.links()));
        model.addAttribute("campaignId", id);
    }
}
