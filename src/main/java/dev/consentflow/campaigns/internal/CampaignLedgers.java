package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.internal.CampaignDesk.CampaignStatus;
import dev.consentflow.campaigns.internal.Campaigns.Campaign;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import org.springframework.stereotype.Component;

/** A sending campaign's counts: its frozen audience against the dispatch ledger of its batch, live. */
@Component
class CampaignLedgers {

    private final Dispatch dispatch;
    private final Recipients recipients;

    CampaignLedgers(Dispatch dispatch, Recipients recipients) {
        this.dispatch = dispatch;
        this.recipients = recipients;
    }

    /**
     * Recipients not enqueued yet, and messages queued, sending or waiting for a retry, are all {@code queued},
     * so the counts add up to the audience at every moment.
     */
    /** How many recipients opened and clicked, {@code [opened, clicked]}. */
    long[] engagement(Campaign c) {
        return recipients.engagement(c.id());
    }

    CampaignStatus live(Campaign c, String template) {
        Ledger ledger = dispatch.ledger(c.id().toString());
        long audience = c.audience() == null ? 0 : c.audience();
        long[] engagement = recipients.engagement(c.id());
        long suppressed = ledger.suppressed() + recipients.skippedCount(c.id());
        long ended = ledger.sent() + ledger.hardFailed() + suppressed + ledger.expired() + ledger.unknown();
        return new CampaignStatus(c.id(), c.name(), c.listKey(), template, c.status(), audience,
                Math.max(0, audience - ended), ledger.sent(), ledger.hardFailed(), suppressed, ledger.expired(),
                ledger.unknown(), engagement[0], engagement[1], 0);
    }
}
