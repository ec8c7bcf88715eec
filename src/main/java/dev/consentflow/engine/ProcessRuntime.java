package dev.consentflow.engine;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Starts processes and delivers messages to them, for modules that must not depend on the engine's API. Values
 * are ids and primitives only (strings, numbers, booleans, dates): the engine's history keeps every variable, so
 * an address, a name or an IP never goes in.
 *
 * <p>Every instance belongs to an account: its {@value #ACCOUNT_VARIABLE} variable names it, and becomes the
 * instance's engine tenant id, so the account's keys see it through {@code /engine-rest} and no other account's
 * do. Publishing reaches the account's own instances and flows only.
 */
public interface ProcessRuntime {

    /** The variable every start and every publication names the account with (the account id as a string). */
    String ACCOUNT_VARIABLE = "accountId";

    /**
     * Starts the latest version of a process in the caller's transaction; the steps up to the first wait state or
     * asynchronous continuation run before this returns. Answers the process instance id.
     *
     * @param variables the start's variables, {@value #ACCOUNT_VARIABLE} among them (the instance's tenant)
     * @throws IllegalArgumentException when the variables name no account
     * @throws ProcessConflict when a concurrent change to the same instances won (retry the whole transaction)
     */
    String start(String processKey, String businessKey, Map<String, Object> variables);

    /**
     * Runs the work as one engine command in the caller's transaction: the starts and messages it makes join that
     * command instead of each being a command of its own, so the engine writes all their rows in one flush when
     * the work returns (like inserts sent together in JDBC batches) and not once per start. A failure anywhere
     * fails the whole command; the caller's transaction then has to be rolled back. Without an engine (a test's
     * runtime) the work simply runs.
     */
    default <T> T inOneCommand(Supplier<T> work) {
        return work.get();
    }

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
     *
     * <p>Only the account named by the {@value #ACCOUNT_VARIABLE} variable listens: flows deployed by that account
     * and the platform's shared processes start, instances of that account (and older instances without a tenant)
     * are reached; another account's flow with the same message never starts.
     *
     * @throws IllegalArgumentException when the variables name no account
     */
    int publish(String messageName, String matchVariable, Object matchValue, Map<String, Object> variables);

    /**
     * Publishes like {@link #publish(String, String, Object, Map)}, but reaches only the waiting instances whose
     * process variables equal every entry of {@code match} (for example a person and a list). A waiting
     * instance is one with a subscription to the message anywhere in it: an intermediate catch event, a receive
     * task, a boundary event, or the message start event of an event subprocess (which is how automation flows
     * stop when {@code subscription.unsubscribed} arrives). Processes whose start event waits for the message are
     * started as well. Scoped to the account of the {@value #ACCOUNT_VARIABLE} variable, like the method above.
     */
    int publish(String messageName, Map<String, Object> match, Map<String, Object> variables);

    /**
     * Whether anything of the account (or shared) waits for the message at all: a deployed process whose start
     * event, or an instance that, has a subscription to it. Lets a caller skip the work of announcing a fact
     * nobody listens to; a flow deployed afterwards hears the next one.
     */
    boolean anyListens(String messageName, String accountId);

    /**
     * Ends, in the caller's transaction, every running process instance that names this person in its
     * {@value ProcessHistory#SUBSCRIBER_VARIABLE} variable, except the given one (the caller's own instance), with
     * their sub-processes. Their history stays (ids only), their activities ended as canceled with the reason.
     * Answers how many were ended.
     *
     * @param reason                 why, as the history shows it: words and ids only, never personal data
     * @param exceptProcessInstanceId the instance that asks, or null
     */
    int endInstancesOf(UUID subscriberId, String reason, String exceptProcessInstanceId);

    /**
     * Completes the open user task with this definition key of an instance, in the caller's transaction, with
     * these variables; the steps up to the next wait state run before this returns. Answers false, changing
     * nothing, when the instance has no such open task (any more).
     *
     * @throws ProcessConflict when a concurrent change to the instance won (retry the whole transaction)
     */
    boolean completeTask(String processInstanceId, String taskDefinitionKey, Map<String, Object> variables);
}
