package dev.consentflow.campaigns;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Campaigns as marketers run them ({@code /api/campaigns} and the console's campaign screens): created as a
 * DRAFT, sent once (now, or at a scheduled time), followed live from the dispatch ledger, and charted afterwards.
 */
public interface Campaigns {

    /** One line of the campaign list: what the row holds, without counting the ledger of a running send. */
    record CampaignSummary(UUID id, String name, String list, CampaignState status, Long audience,
                           Instant createdAt, Instant sendAt, Instant closedAt, Long sent, Long failed,
                           Long suppressed, Long expired, Long unknown, Instant scheduledFor) {
    }

    /**
     * Where a campaign stands; {@code audience = queued + sent + failed + suppressed + expired + unknown}.
     * {@code bounced} and {@code complained} count what came back after the relay took the mail (API.md section
     * 12), with the rates in {@code deliverability}.
     */
    record CampaignStatus(UUID id, String name, String list, String template, CampaignState status, long audience,
                          long queued, long sent, long failed, long suppressed, long expired, long unknown,
                          long opened, long clicked, long unsubscribed, long bounced, long complained,
                          Deliverability deliverability) {

        public CampaignStatus(UUID id, String name, String list, String template, CampaignState status, long audience,
                       long queued, long sent, long failed, long suppressed, long expired, long unknown,
                       long opened, long clicked, long unsubscribed, Deliverability deliverability) {
            this(id, name, list, template, status, audience, queued, sent, failed, suppressed, expired, unknown,
                    opened, clicked, unsubscribed, deliverability.hardBounces(), deliverability.complaints(),
                    deliverability);
        }
    }

    /**
     * What came back: the campaign's bounces (at the relay or later) and complaints, its rates per message handed
     * to the relay, the account's complaint rate over the last 30 days, and why it paused, if it did.
     */
    record Deliverability(long handed, long hardBounces, long softBounces, long complaints, double hardBounceRate,
                          double complaintRate, double accountComplaintRate, String pauseReason) {
    }

    /** Opens, clicks, unsubscribes and bounces of a campaign's recipients in one bucket (an hour or a day). */
    record Moment(Instant at, long opens, long clicks, long unsubscribes, long bounces) {
    }

    /** The clicks on one of the campaign's links (its number in the template, from 0). */
    record LinkClicks(int position, String url, long clicks) {
    }

    /** A campaign's engagement over time ({@code bucket} is {@code hour} or {@code day}) and per link. */
    record Statistics(String bucket, List<Moment> timeline, List<LinkClicks> links) {
    }

    List<CampaignSummary> campaigns(AccountId account, UUID before, int limit);

    CampaignSummary campaign(AccountId account, UUID id);

    UUID create(AccountId account, String name, String listKey, String templateKey);

    /**
     * Starts the send, once: a second send (a double click, a retry, the scheduler) is refused with
     * {@link CampaignAlreadySent}. A template with a placeholder the account's contacts cannot fill is refused (400).
     */
    void send(AccountId account, UUID id);

    /** Sends a DRAFT at {@code at} (in the future), or no more on a schedule when {@code at} is null. */
    void schedule(AccountId account, UUID id, Instant at);

    CampaignStatus status(AccountId account, UUID id);

    /**
     * Resumes a campaign that paused itself, where it stopped; {@link CampaignNotPaused} (409) when it is not
     * PAUSED. The same rule does not pause it again.
     */
    void resume(AccountId account, UUID id);

    /** How many the campaign would reach if sent now: the list's CONFIRMED subscriptions. */
    long audienceNow(AccountId account, UUID id);

    /** The statistics with days of UTC (the API's). */
    default Statistics statistics(AccountId account, UUID id) {
        return statistics(account, id, ZoneOffset.UTC);
    }

    /**
     * The statistics; when it counts in days, days of {@code zone}, from midnight to midnight there (a day when the
     * clocks change has 23 or 25 hours). Hours are hours whatever the zone.
     */
    Statistics statistics(AccountId account, UUID id, ZoneId zone);
}
