package dev.consentflow.consent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A step of a process that acted on a person, from the engine's history ({@code "source": "engine"}): which
 * process, which activity, when, and how it ended. Ids and model names only, like all engine data.
 *
 * @param at                when the activity started
 * @param process           the process definition key ({@code gdpr-erasure})
 * @param processInstanceId the instance
 * @param activity          the BPMN element id ({@code Task_EraseContact})
 * @param activityName      its name as the model reads
 * @param activityType      startEvent, serviceTask, userTask…
 * @param endedAt           when it ended, or null while it runs
 * @param outcome           COMPLETED, CANCELED or RUNNING
 */
public record ProcessStepRecord(Instant at, String process, String processInstanceId, String activity,
                                String activityName, String activityType, Instant endedAt, String outcome)
        implements TimelineEntry {

    @Override
    @JsonProperty("source")
    public String source() {
        return "engine";
    }
}
