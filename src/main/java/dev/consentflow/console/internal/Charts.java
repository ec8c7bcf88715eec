package dev.consentflow.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.campaigns.Campaigns.LinkClicks;
import dev.consentflow.campaigns.Campaigns.Moment;
import dev.consentflow.campaigns.Campaigns.Statistics;
import dev.consentflow.contacts.MailingLists.ListWeek;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A chart's data as the JSON of a canvas's {@code data-chart} attribute, {@code {"labels": [...], "series":
 * {"name": [...]}}}, which {@code marketing.js} draws with Chart.js (the series' names come from the page's texts).
 * The same numbers stand in a table next to each chart, for screen readers and for anyone without scripts.
 */
final class Charts {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An hour in the reader's zone (minutes too: in a zone such as Asia/Kolkata an hour starts at :30). */
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    /** A day in the reader's zone (CampaignCharts counted the zone's days, each starting at midnight there). */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private Charts() {
    }

    static String weeks(List<ListWeek> weeks) {
        Map<String, List<Long>> series = new LinkedHashMap<>();
        series.put("joined", weeks.stream().map(ListWeek::joined).toList());
        series.put("left", weeks.stream().map(ListWeek::left).toList());
        return json(weeks.stream().map(w -> w.week().toString()).toList(), series);
    }

    /** Hours and days in the reader's {@code zone} (the caption names it). */
    static String timeline(Statistics statistics, ZoneId zone) {
        List<Moment> moments = statistics.timeline();
        DateTimeFormatter format = format(statistics, zone);
        Map<String, List<Long>> series = new LinkedHashMap<>();
        series.put("opens", of(moments, Moment::opens));
        series.put("clicks", of(moments, Moment::clicks));
        series.put("unsubscribes", of(moments, Moment::unsubscribes));
        series.put("bounces", of(moments, Moment::bounces));
        return json(moments.stream().map(m -> format.format(m.at())).toList(), series);
    }

    static String links(List<LinkClicks> links) {
        return json(links.stream().map(l -> "#" + (l.position() + 1)).toList(),
                Map.of("clicks", links.stream().map(LinkClicks::clicks).toList()));
    }

    /** The time of a bucket as the table shows it. */
    static String moment(Statistics statistics, Moment moment, ZoneId zone) {
        return format(statistics, zone).format(moment.at());
    }

    private static DateTimeFormatter format(Statistics statistics, ZoneId zone) {
        return ("day".equals(statistics.bucket()) ? DAY : HOUR).withZone(zone);
    }

    private static List<Long> of(List<Moment> moments, ToLongFunction<Moment> value) {
        return moments.stream().map(m -> value.applyAsLong(m)).toList();
    }

    private static String json(List<String> labels, Map<String, List<Long>> series) {
        try {
            return JSON.writeValueAsString(Map.of("labels", labels, "series", series));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
