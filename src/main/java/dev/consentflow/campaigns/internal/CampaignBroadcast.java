package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.subscription.MailFooter;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import dev.consentflow.campaigns.internal.TemplateRows.Template;
import dev.consentflow.contacts.Audiences;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListRecipient;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.subscription.UnsubscribeLinks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of {@code campaign-broadcast}. Freezing and enqueueing go page by page, each page in its own
 * transaction, so a 100,000-recipient campaign is never one giant transaction, memory stays bounded, and a
 * restarted step continues where the last committed page ended.
 */
@Service
class CampaignBroadcast {

    private final CampaignRows campaigns;
    private final Recipients recipients;
    private final TemplateRows templates;
    private final MailingLists lists;
    private final Audiences contacts;
    private final MailOut out;
    private final CampaignSettings settings;
    private final TransactionTemplate page;

    CampaignBroadcast(CampaignRows campaigns, Recipients recipients, TemplateRows templates, MailingLists lists,
                      Audiences contacts, MailOut out, CampaignSettings settings,
                      PlatformTransactionManager transactions) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.templates = templates;
        this.lists = lists;
        this.contacts = contacts;
        this.out = out;
        this.settings = settings;
        this.page = new TransactionTemplate(transactions);
        this.page.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The dispatch side, grouped so this class keeps a short constructor. */
    @Service
    static class MailOut {
        final Dispatch dispatch;
        final UnsubscribeLinks unsubscribe;
        final CampaignMessages messages;
        final CampaignLinks campaignLinks;
        final CampaignPauses pauses;

        MailOut(Dispatch dispatch, UnsubscribeLinks unsubscribe, CampaignMessages messages,
                CampaignLinks campaignLinks, CampaignPauses pauses) {
            this.dispatch = dispatch;
            this.pauses = pauses;
            this.unsubscribe = unsubscribe;
            this.messages = messages;
            this.campaignLinks = campaignLinks;
        }

        Map<String, Integer> links(UUID campaignId, Template template) {
            return campaignLinks.numbered(campaignId, TrackedLinks.of(template.html()));
        }
    }

    /** Snapshots the CONFIRMED subscriptions of the list into the campaign's recipients, once. */
    void freezeAudience(AccountId account, UUID campaignId) {
        Campaign campaign = campaign(account, campaignId);
        if (campaign.audience() != null) {
            return;
        }
        ListInfo list = list(account, campaign);
        SubscriptionId after = recipients.lastFrozen(campaignId).orElse(null);
        while (true) {
            SubscriptionId from = after;
            List<SubscriptionId> ids = page.execute(tx -> {
                List<SubscriptionId> found = contacts.confirmedSubscriptions(account, list, from,
                        settings.pageSize());
                recipients.freeze(campaignId, found);
                return found;
            });
            if (ids.size() < settings.pageSize()) {
                break;
            }
            after = ids.get(ids.size() - 1);
        }
        campaigns.setAudience(campaignId, recipients.count(campaignId));
    }

    /**
     * Renders and enqueues up to {@code pagesPerJob} pages of recipients not enqueued yet; answers whether none
     * is left. A recipient who is no longer CONFIRMED, or was erased, since the freeze is skipped (counted as
     * suppressed); dispatch checks suppression once more at send time.
     */
    boolean enqueueMessages(AccountId account, UUID campaignId) {
        Campaign campaign = campaign(account, campaignId);
        ListInfo list = list(account, campaign);
        Template template = templates.byId(account, campaign.templateId())
                .orElseThrow(() -> new IllegalStateException("campaign " + campaignId + " lost its template"));
        Map<String, Integer> links = out.links(campaignId, template);
        for (int n = 0; n < settings.pagesPerJob(); n++) {
            boolean more = Boolean.TRUE.equals(page.execute(tx -> enqueuePage(account, campaignId, template,
                    list, links)));
            if (!more) {
                return !recipients.anyPending(campaignId);
            }
        }
        return !recipients.anyPending(campaignId);
    }

    private boolean enqueuePage(AccountId account, UUID campaignId, Template template, ListInfo list,
                                Map<String, Integer> links) {
        String listId = out.messages.listId(list);
        List<SubscriptionId> ids = recipients.lockPending(campaignId, settings.pageSize());
        if (ids.isEmpty()) {
            return false;
        }
        Map<SubscriptionId, ListRecipient> mailable = contacts.confirmedRecipients(account, ids).stream()
                .collect(Collectors.toMap(ListRecipient::subscriptionId, Function.identity()));
        // The page in bulk: its links in one look-up, its messages in one insert, its recipients in one update.
        Map<SubscriptionId, String> unsubscribeLinks = out.unsubscribe.unsubscribeUrls(account, mailable.keySet());
        MailFooter footer = out.messages.footer(account, list);
        List<ListRecipient> mailed = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<OutboundMessage> messages = new ArrayList<>();
        for (SubscriptionId id : ids) {
            ListRecipient recipient = mailable.get(id);
            if (recipient == null) {
                recipients.skipped(campaignId, id);
                continue;
            }
            String unsubscribe = unsubscribeLinks.get(id);
            String token = TrackingTokens.next();
            mailed.add(recipient);
            tokens.add(token);
            messages.add(new OutboundMessage(account, recipient.subscriberId().value(), id.value(), Channel.EMAIL,
                    Purpose.CAMPAIGN, campaignId.toString(),
                    out.messages.render(template, recipient, list, unsubscribe, token, links, footer), unsubscribe,
                    listId));
        }
        List<UUID> messageIds = out.dispatch.enqueueAll(messages);
        List<Recipients.Enqueued> enqueued = new ArrayList<>(mailed.size());
        for (int i = 0; i < mailed.size(); i++) {
            enqueued.add(new Recipients.Enqueued(mailed.get(i).subscriptionId(), messageIds.get(i),
                    mailed.get(i).subscriberId().value(), TrackingTokens.hash(tokens.get(i))));
        }
        recipients.enqueuedAll(campaignId, enqueued);
        return ids.size() == settings.pageSize();
    }

    /**
     * Whether every recipient is enqueued and every message of the campaign reached an end state; first its bounce
     * and complaint rates are checked against the account's thresholds, which may pause it (its queued messages
     * then wait, and the ledger stays open until it is resumed).
     */
    boolean ledgerClosed(AccountId account, UUID campaignId) {
        out.pauses.check(campaign(account, campaignId));
        return !recipients.anyPending(campaignId) && out.dispatch.ledger(campaignId.toString()).isClosed();
    }

    /** SENT, with the final ledger; the skipped recipients count as suppressed. */
    void close(AccountId account, UUID campaignId) {
        campaign(account, campaignId);
        Ledger ledger = out.dispatch.ledger(campaignId.toString());
        campaigns.close(campaignId, Instant.now(), ledger.sent(), ledger.hardFailed(),
                ledger.suppressed() + recipients.skippedCount(campaignId), ledger.expired(), ledger.unknown());
    }

    private Campaign campaign(AccountId account, UUID campaignId) {
        return campaigns.find(account, campaignId)
                .orElseThrow(() -> new IllegalStateException("no campaign " + campaignId + " in the account"));
    }

    private ListInfo list(AccountId account, Campaign campaign) {
        // A list cannot be deleted through the API; were it gone, the campaign has nobody left to mail.
        return lists.findList(account, campaign.listKey())
                .orElseThrow(() -> new IllegalStateException("campaign " + campaign.id() + " lost its list"));
    }
}
