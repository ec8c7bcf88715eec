package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.CampaignNotPaused;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import dev.consentflow.campaigns.CampaignState;
import dev.consentflow.dispatch.BatchFeedback;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.FeedbackRecorded;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign pauses itself when, after its first messages ({@link DeliverabilitySettings#minimumMessages}), its
 * hard-bounce or complaint rate passes the account's thresholds: dispatch stops handing its messages to the relay
 * (the queued ones wait) and the campaign is PAUSED until the marketer resumes it, where it stopped. Checked on
 * every bounce or complaint of the campaign (in the transaction that recorded it) and at every look at its ledger
 * (bounces the relay refused at once count too). A resumed campaign is not paused again by the same rule.
 */
@Service
class CampaignPauses {

    private static final Logger log = LoggerFactory.getLogger(CampaignPauses.class);

    private final CampaignRows campaigns;
    private final Dispatch dispatch;
    private final DeliverabilitySettings settings;

    CampaignPauses(CampaignRows campaigns, Dispatch dispatch, DeliverabilitySettings settings) {
        this.campaigns = campaigns;
        this.dispatch = dispatch;
        this.settings = settings;
    }

    @EventListener
    void feedbackRecorded(FeedbackRecorded event) {
        if (event.batchId() != null && event.kind() != FeedbackEvent.Kind.SOFT_BOUNCE) {
            parse(event.batchId()).flatMap(id -> campaigns.find(event.account(), id)).ifPresent(this::check);
        }
    }

    /** Pauses the campaign if its rates passed the thresholds; answers whether it is paused now. */
    @Transactional
    boolean check(Campaign campaign) {
        if (campaign.status() != CampaignState.SENDING || campaign.resumedAt() != null || campaign.audience() == null) {
            return campaign.status() == CampaignState.PAUSED;
        }
        BatchFeedback feedback = dispatch.feedback(campaign.id().toString());
        if (feedback.handed() < DeliverabilitySettings.minimumMessages(campaign.audience())) {
            return false;
        }
        AccountId account = new AccountId(campaign.accountId());
        DeliverabilitySettings.Thresholds limits = settings.of(account);
        String reason = null;
        if (feedback.hardBounceRate() > limits.hardBounceRate()) {
            reason = String.format(Locale.ROOT, "hard-bounce rate %.2f %% over %.2f %% after %d messages",
                    100 * feedback.hardBounceRate(), 100 * limits.hardBounceRate(), feedback.handed());
        } else if (feedback.complaintRate() > limits.complaintRate()) {
            reason = String.format(Locale.ROOT, "complaint rate %.2f %% over %.2f %% after %d messages",
                    100 * feedback.complaintRate(), 100 * limits.complaintRate(), feedback.handed());
        }
        if (reason == null) {
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (campaigns.markPaused(campaign.id(), now, reason)) {
            dispatch.pause(account, campaign.id().toString(), reason);
            log.warn("Campaign {} paused itself: {}", campaign.id(), reason);
        }
        return true;
    }

    /** The marketer goes on: the waiting messages are sent, from where it stopped. */
    @Transactional
    void resume(AccountId account, UUID id) {
        campaigns.find(account, id).orElseThrow(() -> new NotFoundException("campaign"));
        if (!campaigns.markResumed(account, id, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            throw new CampaignNotPaused("Campaign " + id + " is not paused");
        }
        dispatch.resume(account, id.toString());
    }

    private static Optional<UUID> parse(String batchId) {
        try {
            return Optional.of(UUID.fromString(batchId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
