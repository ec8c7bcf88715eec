package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.history.DefaultHistoryRemovalTimeProvider;

/**
 * The removal time of a platform row is the engine's, to the millisecond: {@link PlatformRemovalTimes#after} against
 * {@link DefaultHistoryRemovalTimeProvider#determineRemovalTime} in every zone, for starts and removal times on
 * both sides of each change of the zone's offset (summer time, a zone's new standard offset), where a calendar's
 * day is not 24 hours long, and for plain days.
 */
class PlatformRemovalTimeTest {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final List<Integer> DAYS = List.of(1, 30, 180, 400);
    private final TimeZone zone = TimeZone.getDefault();

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(zone);
    }

    @Test
    void theEngineRemovalTimeInEveryZoneAroundEveryOffsetChange() {
        int compared = 0;
        for (String id : ZoneId.getAvailableZoneIds()) {
            TimeZone.setDefault(TimeZone.getTimeZone(id));
            ZoneRules rules = ZoneId.of(id).getRules();
            Instant from = Instant.parse("2024-01-01T00:00:00Z");
            for (ZoneOffsetTransition change = rules.nextTransition(from);
                 change != null && change.getInstant().isBefore(Instant.parse("2028-01-01T00:00:00Z"));
                 change = rules.nextTransition(change.getInstant())) {
                long at = change.toEpochSecond() * 1000;
                for (int days : DAYS) {
                    for (long step = -8; step <= 8; step++) {
                        compared += compare(at + step * 15 * MINUTE + 7, days);
                        compared += compare(at - days * DAY + step * 15 * MINUTE + 13, days);
                    }
                }
            }
            for (int days : DAYS) {
                compared += compare(Instant.parse("2026-12-07T15:45:12.345Z").toEpochMilli(), days);
            }
        }
        assertThat(compared).isGreaterThan(100_000);
    }

    private static int compare(long start, int days) {
        Date time = new Date(start);
        assertThat(PlatformRemovalTimes.after(time, days))
                .as("%s + %d days in %s", time.toInstant(), days, TimeZone.getDefault().getID())
                .isEqualTo(DefaultHistoryRemovalTimeProvider.determineRemovalTime(time, days));
        return 1;
    }
}
