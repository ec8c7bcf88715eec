package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.Campaigns;
import dev.consentflow.campaigns.CampaignState;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Campaigns}, for the API and the console alike: the desk's create, send and status, with the
 * template's placeholders checked before a send, the schedule, the audience a send would reach, and the charts.
 */
@Service
class CampaignOffice implements Campaigns {

    private final CampaignDesk desk;
    private final CampaignRows campaigns;
    private final TemplateRows templates;
    private final TemplateChecks checks;
    private final CampaignCharts charts;
    private final MailingLists lists;
    private final CampaignPauses pauses;

    CampaignOffice(CampaignDesk desk, CampaignRows campaigns, TemplateRows templates, TemplateChecks checks,
                   CampaignCharts charts, MailingLists lists, CampaignPauses pauses) {
        this.desk = desk;
        this.campaigns = campaigns;
        this.templates = templates;
        this.checks = checks;
        this.charts = charts;
        this.lists = lists;
        this.pauses = pauses;
    }

    @Override
    public void resume(AccountId account, UUID id) {
        pauses.resume(account, id);
    }

    @Override
    public List<CampaignSummary> campaigns(AccountId account, UUID before, int limit) {
        return desk.list(account, before, limit);
    }

    @Override
    public CampaignSummary campaign(AccountId account, UUID id) {
        return desk.summary(account, id);
    }

    @Override
    public UUID create(AccountId account, String name, String listKey, String templateKey) {
        return desk.create(account, name, listKey, templateKey);
    }

    @Override
    @Transactional
    public void send(AccountId account, UUID id) {
        Campaign campaign = find(account, id);
        if (campaign.status() == CampaignState.DRAFT) {
            templates.byId(account, campaign.templateId()).ifPresent(t -> checks.refuseUnknown(account, t));
        }
        desk.send(account, id);
    }

    @Override
    public void schedule(AccountId account, UUID id, Instant at) {
        Campaign campaign = find(account, id);
        if (at != null && at.isBefore(Instant.now())) {
            throw new InvalidInputException("at", "must be in the future");
        }
        if (!campaigns.schedule(account, id, at == null ? null : at.truncatedTo(ChronoUnit.MICROS))) {
            throw new dev.consentflow.campaigns.CampaignAlreadySent("Campaign " + campaign.id()
                    + " was already sent");
        }
    }

    @Override
    public CampaignStatus status(AccountId account, UUID id) {
        return desk.status(account, id);
    }

    @Override
    public long audienceNow(AccountId account, UUID id) {
        return lists.counts(account, find(account, id).listKey()).confirmed();
    }

    @Override
    public Statistics statistics(AccountId account, UUID id, ZoneId zone) {
        return charts.of(find(account, id), zone);
    }

    private Campaign find(AccountId account, UUID id) {
        return campaigns.find(account, id).orElseThrow(() -> new NotFoundException("campaign"));
    }
}
