package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.CampaignAlreadySent;
import dev.consentflow.campaigns.internal.CampaignBroadcastProcess.Var;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import dev.consentflow.campaigns.Campaigns.CampaignStatus;
import dev.consentflow.campaigns.Campaigns.CampaignSummary;
import dev.consentflow.campaigns.CampaignState;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates campaigns, sends them once, and reports where they stand. */
@Service
class CampaignDesk {

    private final CampaignRows campaigns;
    private final TemplateRows templates;
    private final MailingLists contacts;
    private final ProcessRuntime runtime;
    private final CampaignLedgers ledgers;
    private final CampaignSettings settings;

    CampaignDesk(CampaignRows campaigns, TemplateRows templates, MailingLists contacts, ProcessRuntime runtime,
                 CampaignLedgers ledgers, CampaignSettings settings) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.contacts = contacts;
        this.runtime = runtime;
        this.ledgers = ledgers;
        this.settings = settings;
    }

    @Transactional
    UUID create(AccountId account, String name, String listKey, String templateKey) {
        ListInfo list = contacts.findList(account, listKey)
                .orElseThrow(() -> new InvalidInputException("list", "is not a list of this account"));
        TemplateRows.Template template = templates.byKey(account, templateKey)
                .orElseThrow(() -> new InvalidInputException("template", "is not a template of this account"));
        UUID id = UUID.randomUUID();
        campaigns.create(new Campaign(id, account.value(), name, list.id(), list.key(), template.id(),
                CampaignState.DRAFT, null, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null, null, null,
                null, null, null, null, null));
        return id;
    }

    /** Starts the broadcast in this transaction: the 202 means it is committed and will run. */
    @Transactional
    void send(AccountId account, UUID id) {
        Campaign campaign = campaigns.find(account, id).orElseThrow(() -> new NotFoundException("campaign"));
        if (!campaigns.markSending(account, id, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            throw new CampaignAlreadySent("Campaign " + campaign.id() + " was already sent");
        }
        runtime.start(CampaignBroadcastProcess.ID, id.toString(), Map.of(
                Var.ACCOUNT_ID, account.value().toString(),
                Var.CAMPAIGN_ID, id.toString(),
                Var.POLL_INTERVAL, settings.pollInterval().toString()));
    }

    @Transactional(readOnly = true)
    CampaignStatus status(AccountId account, UUID id) {
        Campaign c = campaigns.find(account, id).orElseThrow(() -> new NotFoundException("campaign"));
        String template = templates.byId(account, c.templateId()).map(TemplateRows.Template::key).orElse(null);
        if (c.status() == CampaignState.SENT) {
            long[] engagement = ledgers.engagement(c);
            return new CampaignStatus(c.id(), c.name(), c.listKey(), template, c.status(), c.audience(), 0,
                    c.sent(), c.failed(), c.suppressed(), c.expired(), c.unknown(), engagement[0], engagement[1],
                    engagement[2], ledgers.deliverability(c));
        }
        if (c.status() == CampaignState.DRAFT) {
            return new CampaignStatus(c.id(), c.name(), c.listKey(), template, c.status(), 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, ledgers.deliverability(c));
        }
        return ledgers.live(c, template);
    }

    /** The account's campaigns, newest first, a page of {@code limit} after the campaign {@code before}. */
    List<CampaignSummary> list(AccountId account, UUID before, int limit) {
        Campaign after = before == null ? null : campaigns.find(account, before)
                .orElseThrow(() -> new InvalidInputException("before", "is not a campaign of this account"));
        return campaigns.page(account, after, limit).stream()
                .map(CampaignDesk::summary).toList();
    }

    CampaignSummary summary(AccountId account, UUID id) {
        return summary(campaigns.find(account, id).orElseThrow(() -> new NotFoundException("campaign")));
    }

    private static CampaignSummary summary(Campaign c) {
        return new CampaignSummary(c.id(), c.name(), c.listKey(), c.status(), c.audience(), c.createdAt(),
                c.sendAt(), c.closedAt(), c.sent(), c.failed(), c.suppressed(), c.expired(), c.unknown(),
                c.scheduledFor());
    }
}
