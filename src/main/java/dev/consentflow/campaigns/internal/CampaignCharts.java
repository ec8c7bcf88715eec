package dev.consentflow.campaigns.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.Campaigns.LinkClicks;
import dev.consentflow.campaigns.Campaigns.Moment;
import dev.consentflow.campaigns.Campaigns.Statistics;
import dev.consentflow.campaigns.internal.CampaignRows.Campaign;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.MailingLists.Ended;
import dev.consentflow.contacts.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A sent campaign's engagement over time and per link: first opens and every click from its own rows, and the
 * unsubscribes and bounces of its recipients from the list since the send. Hours for the first three days, then days
 * of the reader's zone (midnight to midnight there: a day when the clocks change has 23 or 25 hours).
 */
@Component
class CampaignCharts {

    private static final String OVER_TIME = NamedSql.read("campaigns", "engagement-over-time");
    private static final String PER_LINK = NamedSql.read("campaigns", "clicks-per-link");
    private static final Duration HOURLY = Duration.ofDays(3);

    private final JdbcClient jdbc;
    private final MailingLists lists;
    private final Recipients recipients;

    CampaignCharts(JdbcClient jdbc, MailingLists lists, Recipients recipients) {
        this.jdbc = jdbc;
        this.lists = lists;
        this.recipients = recipients;
    }

    @Transactional(readOnly = true)
    Statistics of(Campaign c, ZoneId zone) {
        if (c.sendAt() == null) {
            return new Statistics("hour", List.of(), List.of());
        }
        boolean hourly = Duration.between(c.sendAt(), Instant.now()).compareTo(HOURLY) <= 0;
        UnaryOperator<Instant> bucket = hourly ? at -> at.truncatedTo(ChronoUnit.HOURS)
                : at -> at.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        Map<Instant, long[]> buckets = new TreeMap<>();
        jdbc.sql(OVER_TIME).param("campaignId", c.id())
                .query(rs -> {
                    long[] b = buckets.computeIfAbsent(bucket.apply(rs.getObject("at", OffsetDateTime.class)
                            .toInstant()), at -> new long[4]);
                    b[0] += rs.getLong("opens");
                    b[1] += rs.getLong("clicks");
                });
        List<Ended> ended = lists.endedSince(new AccountId(c.accountId()), c.listKey(), c.sendAt());
        Set<java.util.UUID> mailed = recipients.mailedOf(c.id(), ended.stream().map(Ended::subscription).toList());
        for (Ended e : ended) {
            if (mailed.contains(e.subscription().value())) {
                long[] b = buckets.computeIfAbsent(bucket.apply(e.at()), at -> new long[4]);
                b[e.status() == SubscriptionStatus.BOUNCED ? 3 : 2]++;
            }
        }
        List<Moment> timeline = buckets.entrySet().stream().map(b -> new Moment(b.getKey(), b.getValue()[0],
                b.getValue()[1], b.getValue()[2], b.getValue()[3])).toList();
        List<LinkClicks> links = jdbc.sql(PER_LINK).param("campaignId", c.id())
                .query((rs, row) -> new LinkClicks(rs.getInt("position"), rs.getString("url"), rs.getLong("clicks")))
                .list();
        return new Statistics(hourly ? "hour" : "day", timeline, links);
    }
}
