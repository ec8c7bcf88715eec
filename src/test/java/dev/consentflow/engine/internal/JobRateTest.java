package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-account job schedule, replayed as {@code take-flow-job-slot.sql} hands out slots. */
class JobRateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private final JobRate sixHundredPerMinute = new JobRate(Duration.ofMinutes(1), 600);

    @Test
    void slotsAreTheWindowDividedByTheLimit() {
        assertThat(sixHundredPerMinute.spacing()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aBurstOfTheLimitRunsAtOnce() {
        List<Optional<Instant>> burst = schedule(sixHundredPerMinute, 600, NOW);
        assertThat(burst).allMatch(Optional::isEmpty);
    }

    @Test
    void windowsAreAlignedOnTheEpochSoEveryNodeAgrees() {
        assertThat(sixHundredPerMinute.start(NOW.plusMillis(59_999))).isEqualTo(NOW);
        assertThat(sixHundredPerMinute.start(NOW.plusSeconds(60))).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void theJobsAfterTheBurstGoToTheNextWindowSpreadEvenly() {
        List<Optional<Instant>> flood = schedule(sixHundredPerMinute, 1800, NOW.plusSeconds(30));
        assertThat(flood.get(600)).contains(NOW.plusSeconds(60));
        assertThat(flood.get(601)).contains(NOW.plusMillis(60_100));
        assertThat(flood.get(1200)).contains(NOW.plusSeconds(120));
        assertThat(flood.get(1799)).contains(NOW.plusMillis(179_900));
    }

    @Test
    void noWindowRunsMoreThanTheLimit() {
        List<Instant> runs = new ArrayList<>();
        Instant now = NOW.plusSeconds(45);
        schedule(sixHundredPerMinute, 5000, now).forEach(until -> runs.add(until.orElse(now)));
        for (Instant window = NOW; window.isBefore(NOW.plusSeconds(600)); window = window.plusSeconds(60)) {
            Instant start = window;
            assertThat(runs.stream().filter(at -> sixHundredPerMinute.start(at).equals(start)).count())
                    .isLessThanOrEqualTo(600);
        }
    }

    @Test
    void aQuietAccountGetsItsWholeBurstInTheNextWindow() {
        JobRate rate = new JobRate(Duration.ofSeconds(2), 10);
        Instant slotLeftOver = NOW.plusMillis(1_800);
        Instant later = NOW.plusSeconds(5);
        Instant slot = max(slotLeftOver, rate.start(later));
        for (int i = 0; i < 10; i++) {
            assertThat(rate.postponedUntil(slot, later)).isEmpty();
            slot = slot.plus(rate.spacing());
        }
        assertThat(rate.postponedUntil(slot, later)).contains(NOW.plusSeconds(6));
    }

    @Test
    void theLimitPerMinuteIsScaledToTheWindow() {
        assertThat(new FlowLimits(600, Duration.ofMinutes(1), 1).jobRate().limit()).isEqualTo(600);
        assertThat(new FlowLimits(300, Duration.ofSeconds(2), 1).jobRate().limit()).isEqualTo(10);
        assertThat(new FlowLimits(1, Duration.ofSeconds(2), 1).jobRate().limit()).as("never zero").isEqualTo(1);
        assertThat(new FlowLimits(0, Duration.ofMinutes(1), 1).jobRate()).as("no limit").isNull();
    }

    @Test
    void nonsenseLimitsAreRefusedAtStart() {
        assertThatThrownBy(() -> new FlowLimits(-1, Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowLimits(1, Duration.ofMillis(10), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobRate(Duration.ofMinutes(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** n jobs asking at the same instant, each taking the next slot as the SQL statement hands them out. */
    private static List<Optional<Instant>> schedule(JobRate rate, int n, Instant now) {
        List<Optional<Instant>> answers = new ArrayList<>();
        Instant next = rate.start(now);
        for (int i = 0; i < n; i++) {
            Instant slot = max(next, rate.start(now));
            next = slot.plus(rate.spacing());
            answers.add(rate.postponedUntil(slot, now));
        }
        return answers;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
