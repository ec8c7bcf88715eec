package dev.consentflow.campaigns.internal;

import dev.consentflow.campaigns.Campaigns;
import dev.consentflow.campaigns.Campaigns.CampaignStatus;
import dev.consentflow.campaigns.CampaignState;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Audiences;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.dispatch.BatchFeedback;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import org.springframework.stereotype.Component;

/** A sending campaign's counts: its frozen audience against the dispatch ledger of its batch, live. */
@Component
class CampaignLedgers {

    private final Dispatch dispatch;
    private final Recipients recipients;
    private final MailingLists lists;
    private final Audiences audiences;

    CampaignLedgers(Dispatch dispatch, Recipients recipients, MailingLists lists, Audiences audiences) {
        this.dispatch = dispatch;
        this.recipients = recipients;
        this.lists = lists;
        this.audiences = audiences;
    }

    /**
     * Recipients not enqueued yet, and messages queued, sending or waiting for a retry, are all {@code queued},
     * so the counts add up to the audience at every moment.
     */
    /**
     * How many recipients opened, clicked, and unsubscribed from the list since the campaign was sent,
     * {@code [opened, clicked, unsubscribed]}.
     */
    long[] engagement(Campaign c) {
        long[] openedClicked = recipients.engagement(c.id());
        long unsubscribed = c.sendAt() == null ? 0 : lists.findList(new AccountId(c.accountId()), c.listKey())
                .map(list -> recipients.mailedAmong(c.id(),
                        audiences.unsubscribedSince(new AccountId(c.accountId()), list, c.sendAt())))
                .orElse(0L);
        return new long[] {openedClicked[0], openedClicked[1], unsubscribed};
    }

    CampaignStatus live(Campaign c, String template) {
        Ledger ledger = dispatch.ledger(c.id().toString());
        long audience = c.audience() == null ? 0 : c.audience();
        long[] engagement = engagement(c);
        long suppressed = ledger.suppressed() + recipients.skippedCount(c.id());
        long ended = ledger.sent() + ledger.hardFailed() + suppressed + ledger.expired() + ledger.unknown();
        return new CampaignStatus(c.id(), c.name(), c.listKey(), template, c.status(), audience,
                Math.max(0, audience - ended), ledger.sent(), ledger.hardFailed(), suppressed, ledger.expired(),
                ledger.unknown(), engagement[0], engagement[1], engagement[2], deliverability(c));
    }

    Campaigns.Deliverability deliverability(Campaign c) {
        AccountId account = new AccountId(c.accountId());
        BatchFeedback feedback = dispatch.feedback(c.id().toString());
        return new Campaigns.Deliverability(feedback.handed(), feedback.hardBounces(), feedback.softBounces(),
                feedback.complaints(), feedback.hardBounceRate(), feedback.complaintRate(),
                dispatch.complaintRate(account), c.status() == CampaignState.PAUSED ? c.pauseReason() : null);
    }
}
