package dev.consentflow.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the engine's history says about one person: every activity of every process instance that carried the
 * person's subscriber id as a variable. Engine data holds ids only, so this is readable by compliance
 * officers and survives erasure without keeping personal data.
 */
public interface ProcessHistory {

    /** The name of the variable by which a process instance names the person it acts on. */
    String SUBSCRIBER_VARIABLE = "subscriberId";

    /** Every finished or running activity of the processes that acted on the person, oldest first. */
    List<Step> stepsFor(UUID subscriberId);

    /**
     * How long the history of each platform process (the latest version of every definition without a tenant) is
     * kept for the account after an instance ends: the account's engine history period ({@link HistoryRetention}).
     */
    List<Kept> retention(dev.consentflow.accounts.AccountId account);

    /** A platform process and how long the account keeps its history. */
    record Kept(String processKey, String name, java.time.Period kept) {
    }

    /**
     * One activity instance of a process.
     *
     * @param processKey        the process definition key ({@code double-opt-in})
     * @param processInstanceId the instance
     * @param activityId        the BPMN element id
     * @param activityName      its name, as the model reads
     * @param activityType      startEvent, serviceTask, …
     * @param startedAt         when it started
     * @param endedAt           when it ended, or null while running
     * @param outcome           COMPLETED, CANCELED or RUNNING
     */
    record Step(String processKey, String processInstanceId, String activityId, String activityName,
                String activityType, Instant startedAt, Instant endedAt, String outcome) {
    }
}
