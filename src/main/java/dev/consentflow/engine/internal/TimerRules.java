package dev.consentflow.engine.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timers of a flow: a cycle repeats a bounded number of times ({@code R5/P1D}) and at most once an hour, so no
 * flow fires jobs without end or every second; cycles are literal text, never a variable a caller could set.
 */
final class TimerRules {

    /** The shortest interval a timer cycle may repeat at. */
    static final Duration MINIMUM_CYCLE = Duration.ofHours(1);

    private static final Pattern REPETITIONS = Pattern.compile("R(\\d*)");
    private static final Pattern DAY_TIME = Pattern.compile("P(\\d+D)?(T.*)?");

    private TimerRules() {
    }

    /** Why a cycle is refused, or empty when it ends and repeats at most once an hour. */
    static Optional<String> cycle(String text) {
        String value = text.strip();
        if (FlowExpressions.isExpression(value)) {
            return Optional.of("a timer cycle is literal text (R<n>/<interval>), never an expression");
        }
        if (value.contains(" ")) {
            return Optional.of("cron timer cycles never end: use R<n>/<interval> with an interval of at least "
                    + "an hour");
        }
        String[] parts = value.split("/");
        Matcher repetitions = REPETITIONS.matcher(parts[0]);
        if (!repetitions.matches()) {
            return Optional.of("a timer cycle is R<n>/<interval>, such as R3/P1D");
        }
        if (repetitions.group(1).isEmpty()) {
            return Optional.of("a timer cycle must end: R<n>/<interval> with a number of repetitions, not R/");
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("P")) {
                return interval(parts[i]);
            }
        }
        return Optional.of("a timer cycle names its interval, such as R3/P1D");
    }

    private static Optional<String> interval(String period) {
        Matcher dayTime = DAY_TIME.matcher(period);
        if (!dayTime.matches()) {
            // Years, months or weeks: far longer than an hour, unless all of them are zero.
            return period.matches(".*[1-9].*") ? Optional.empty()
                    : Optional.of("a timer cycle repeats at most once an hour (" + MINIMUM_CYCLE + ")");
        }
        try {
            if (Duration.parse(period).compareTo(MINIMUM_CYCLE) < 0) {
                return Optional.of("a timer cycle repeats at most once an hour (" + MINIMUM_CYCLE + ")");
            }
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("the timer cycle's interval is not an ISO-8601 duration");
        }
    }
}
