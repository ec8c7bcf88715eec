package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.campaigns.Campaigns.Moment;
import dev.consentflow.campaigns.Campaigns.Statistics;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

    @Test
    void aDayIsLabelledAsTheReadersDateWhereItsMidnightIsStillTheDayBeforeInUtc() {
        // Midnight of 29 and 30 March in Copenhagen, the day its clocks go forward.
        Statistics days = new Statistics("day", List.of(new Moment(Instant.parse("2026-03-28T23:00:00Z"), 1, 0, 0, 0),
                new Moment(Instant.parse("2026-03-29T22:00:00Z"), 2, 0, 0, 0)), List.of());

        assertThat(days.timeline().stream().map(m -> Charts.moment(days, m, COPENHAGEN)))
                .containsExactly("2026-03-29", "2026-03-30");
        assertThat(Charts.timeline(days, COPENHAGEN)).contains("\"labels\":[\"2026-03-29\",\"2026-03-30\"]");
    }

    @Test
    void anHourIsLabelledInTheReadersZone() {
        Statistics hours = new Statistics("hour", List.of(new Moment(Instant.parse("2026-03-29T01:00:00Z"), 1, 0, 0,
                0)), List.of());

        assertThat(Charts.moment(hours, hours.timeline().get(0), COPENHAGEN)).isEqualTo("03-29 03:00");
    }
}
