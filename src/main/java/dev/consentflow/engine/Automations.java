package dev.consentflow.engine;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's own automation flows as its marketers see them (the console's Automations page and
 * {@code /api/automations}): the deployed definitions with who deployed them, their running instances and incidents
 * per activity, each incident's cause, and the retry of a failed step once its cause is fixed. Only the account's
 * tenant: never another account's flows, never the platform's shared processes.
 */
public interface Automations {

    /** Every version of every flow the account deployed, by key, newest version first. */
    List<Flow> flows(AccountId account);

    /** One of the account's flow versions, by its definition id. */
    Optional<Flow> flow(AccountId account, String definitionId);

    /** The BPMN XML of one of the account's flow versions, as deployed. */
    Optional<byte[]> diagram(AccountId account, String definitionId);

    /** The open incidents of one of the account's flow versions, oldest first. */
    List<Incident> incidents(AccountId account, String definitionId);

    /**
     * Gives the failed step of an incident of the account another attempt (its job's retries set back to one; the job
     * executor runs it soon), and announces {@link IncidentRetried} in the caller's transaction (the audit log
     * records it). Answers false when the account has no such open incident.
     *
     * @param actor who asked, as the audit log names them ({@code user:<id>}, {@code MARKETER:<keyId>})
     */
    boolean retry(AccountId account, String incidentId, String actor);

    /** The Modeler element templates a flow is made of: file name → JSON, as the server ships them. */
    Map<String, byte[]> elementTemplates();

    /**
     * A deployed flow version.
     *
     * @param deployedBy the actor that deployed it ({@code MARKETER:<keyId>}), or null when unknown
     * @param activities per activity with something in it: instances waiting or working there, and incidents
     */
    record Flow(String definitionId, String key, String name, int version, String deploymentId,
                Instant deployedAt, String deployedBy, long running, long incidents, List<Activity> activities) {
    }

    /** An activity with instances or incidents in it; {@code name} as the model names it (else its id). */
    record Activity(String activityId, String name, long running, long incidents) {
    }

    /**
     * An open incident: a step that failed as often as it may. {@code activityId} is the step that failed (a task
     * after a timer fails in the timer's job: the task, not the timer).
     *
     * @param message the engine's message, as the failing step raised it
     * @param missing what of the account the step named and did not find, when that is the cause; else null
     */
    record Incident(String id, String definitionId, String activityId, String activityName, String processInstanceId,
                    Instant createdAt, String message, Missing missing) {
    }

    /**
     * A template or list a step names that the account lacks.
     *
     * @param noun     what it is ({@code template}, {@code list}), as the {@link FlowReference} names it
     * @param existsNow whether the account has it now (fixed: a retry can succeed)
     */
    record Missing(String noun, String key, boolean existsNow) {
    }
}
