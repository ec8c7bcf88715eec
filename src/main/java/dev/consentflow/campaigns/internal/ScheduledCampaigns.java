package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.CampaignAlreadySent;
import dev.consentflow.campaigns.Campaigns;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the scheduled campaigns whose time has come, through the same send as a marketer's: each once (on any
 * number of nodes, DRAFT to SENDING happens once), and one the send refuses (a placeholder nothing fills) is taken
 * off the schedule and logged rather than tried again every round.
 */
@Component
class ScheduledCampaigns {

    private static final Logger log = LoggerFactory.getLogger(ScheduledCampaigns.class);
    private static final int ROUND = 20;

    private final CampaignRows campaigns;
    private final Campaigns office;

    ScheduledCampaigns(CampaignRows campaigns, Campaigns office) {
        this.campaigns = campaigns;
        this.office = office;
    }

    /** Every five seconds; tests shorten the round ({@code consentflow.campaigns.schedule-round}) to wait less. */
    @Scheduled(initialDelayString = "${consentflow.campaigns.schedule-round:PT5S}",
            fixedDelayString = "${consentflow.campaigns.schedule-round:PT5S}")
    void sendDue() {
        for (Campaign due : campaigns.due(Instant.now(), ROUND)) {
            AccountId account = new AccountId(due.accountId());
            try {
                office.send(account, due.id());
            } catch (CampaignAlreadySent e) {
                // another node sent it first
            } catch (RuntimeException e) {
                log.warn("Scheduled campaign {} was not sent and is off the schedule: {}", due.id(), e.getMessage());
                campaigns.schedule(account, due.id(), null);
            }
        }
    }
}
