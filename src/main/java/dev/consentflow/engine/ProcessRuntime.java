package dev.consentflow.engine;

import java.util.Map;

/**
 * Starts processes and delivers messages to them, for modules that must not depend on the engine's API. Values
 * are ids and primitives only (strings, numbers, booleans, dates): the engine's history keeps every variable, so
 * an address, a name or an IP never goes in.
 */
public interface ProcessRuntime {

    /**
     * Starts the latest version of a process in the caller's transaction; the steps up to the first wait state or
     * asynchronous continuation run before this returns. Answers the process instance id.
     *
     * @throws ProcessConflict when a concurrent change to the same instances won (retry the whole transaction)
     */
    String start(String processKey, String businessKey, Map<String, Object> variables);

    /**
     * Delivers a message to the one instance that waits for it, identified by its id: the fastest correlation,
     * one index probe, unlike a business key lookup. Answers false, changing nothing, when that instance does
     * not wait for this message (any more).
     *
     * @throws ProcessConflict when a concurrent change to the instance won (retry the whole transaction)
     */
    boolean correlate(String messageName, String processInstanceId, Map<String, Object> variables);

    /**
     * Publishes a message to whoever listens: starts every process whose start event waits for it and reaches
     * every waiting instance whose {@code matchVariable} equals the given value. Nobody listening is fine. Answers
     * how many instances were started or reached.
     */
    int publish(String messageName, String matchVariable, Object matchValue, Map<String, Object> variables);

    /**
     * Publishes like {@link #publish(String, String, Object, Map)}, but reaches only the waiting instances whose
     * process variables equal every entry of {@code match} (for example a person and a list). A waiting
     * instance is one with a subscription to the message anywhere in it: an intermediate catch event, a receive
     * task, a boundary event, or the message start event of an event subprocess (which is how automation flows
     * stop when {@code subscription.unsubscribed} arrives). Processes whose start event waits for the message are
     * started as well.
     */
    int publish(String messageName, Map<String, Object> match, Map<String, Object> variables);
}
