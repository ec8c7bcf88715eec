package dev.consentflow.engine;

import java.util.Map;

/**
 * Completes the user tasks of processes on behalf of the API, for modules that must not depend on the engine's
 * API: a decision taken through a REST endpoint ends the same task a person could complete in the Operaton
 * tasklist. Variables are ids and primitives only, as for {@link ProcessRuntime}.
 */
public interface UserTasks {

    /**
     * Completes the open task of one process instance at a BPMN element, with these variables, in the caller's
     * transaction. Answers false, changing nothing, when the instance has no such open task (any more).
     *
     * @throws ProcessConflict when a concurrent change to the instance won (retry the whole transaction)
     */
    boolean complete(String processInstanceId, String taskDefinitionKey, Map<String, Object> variables);
}
