package dev.consentflow.consent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The line of a timeline that says where the engine's history ends ({@code "source": "retention"}): the process
 * steps of instances that ended before {@code at} were removed by the account's engine history retention; the
 * audit entries before it remain, each naming its process instance.
 *
 * @param at                  the cut-off of the last removal
 * @param engineHistoryMonths the account's period
 * @param note                the same in words
 */
public record ProcessStepsRemoved(Instant at, int engineHistoryMonths, String note) implements TimelineEntry {

    public ProcessStepsRemoved(Instant at, int engineHistoryMonths) {
        this(at, engineHistoryMonths, "Process steps of instances that ended before this time were removed by "
                + "retention (" + engineHistoryMonths + " months after they ended); the audit entries remain.");
    }

    @Override
    @JsonProperty("source")
    public String source() {
        return "retention";
    }

    @JsonProperty("what")
    public String what() {
        return "engineHistory";
    }
}
