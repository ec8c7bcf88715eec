package dev.consentflow.engine.internal;

import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.impl.cfg.CommandChecker;
import org.operaton.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.operaton.bpm.engine.impl.event.EventType;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.SuspensionState;

/**
 * Delivers a message to the one execution of a known process instance that waits for it, as the engine's
 * correlation by process instance id does (an active, not deleted execution with a message subscription of the
 * name; more than one is refused; the command checkers asked as the engine asks them; then the engine's own
 * {@link MessageEventReceivedCmd}), but reads the instance as the engine reads it when it needs its whole tree:
 * its executions, event subscriptions and variables, restored into the tree
 * ({@code ExecutionEntity.restoreProcessInstance}), and its jobs, all in one round trip ({@link InstanceRows}).
 * The engine's correlation read the waiting execution by a query, the instance's execution by id (the checkers),
 * the whole tree again (to leave the gateway's scope) and the waiting execution's subscriptions, then the
 * instance's variables and the waiting execution's jobs (the timer it deletes): six round trips, one now. Every
 * entity the engine then changes or deletes is the row read in this command, with its revision. Within a command
 * that has read part of the instance already, the engine's correlation does it all. On an engine without
 * {@link InstanceRows} the executions and the subscriptions are read with a statement each.
 *
 * <p>No instance waiting is a {@link MismatchingMessageCorrelationException}, as with the engine's correlation;
 * unlike it, a name no execution waits for never starts a process by a message start event of that name (the
 * caller names an instance; the platform's messages to an instance start nothing).
 */
final class CorrelateToInstanceCmd implements Command<Void> {

    private final String messageName;
    private final String processInstanceId;
    private final Map<String, Object> variables;

    CorrelateToInstanceCmd(String messageName, String processInstanceId, Map<String, Object> variables) {
        this.messageName = messageName;
        this.processInstanceId = processInstanceId;
        this.variables = variables;
    }

    @Override
    public Void execute(CommandContext commandContext) {
        if (treeInCache(commandContext)) {
            // A command already working on the instance (a nested call): its tree is the engine's to complete.
            commandContext.getProcessEngineConfiguration().getRuntimeService().createMessageCorrelation(messageName)
                    .processInstanceId(processInstanceId).setVariables(variables).correlateWithResult();
            return null;
        }
        ExecutionEntity waiting = commandContext.runWithoutAuthorization(() -> waitingExecution(commandContext));
        for (CommandChecker checker : commandContext.getProcessEngineConfiguration().getCommandCheckers()) {
            checker.checkUpdateProcessInstanceById(waiting.getProcessInstanceId());
        }
        new MessageEventReceivedCmd(messageName, waiting.getId(), variables, null, null, false)
                .execute(commandContext);
        return null;
    }

    /** Whether the command has read part of the instance already: restoring its tree again would double it. */
    private boolean treeInCache(CommandContext commandContext) {
        return commandContext.getDbEntityManager().getCachedEntitiesByType(ExecutionEntity.class).stream()
                .anyMatch(execution -> processInstanceId.equals(execution.getProcessInstanceId()));
    }

    private ExecutionEntity waitingExecution(CommandContext commandContext) {
        InstanceRows.Rows rows = InstanceRows.read(commandContext, processInstanceId);
        List<ExecutionEntity> executions = rows != null ? rows.executions()
                : commandContext.getExecutionManager().findExecutionsByProcessInstanceId(processInstanceId);
        ExecutionEntity instance = executions.stream().filter(ExecutionEntity::isProcessInstanceExecution)
                .findFirst().orElseThrow(() -> mismatch("no such instance"));
        if (rows != null) {
            instance.restoreProcessInstance(executions, rows.subscriptions(), rows.variables(), null, null, null,
                    null);
        } else {
            instance.restoreProcessInstance(executions, commandContext.getEventSubscriptionManager()
                    .findEventSubscriptionsByProcessInstanceId(processInstanceId), null, null, null, null, null);
        }
        List<ExecutionEntity> matching = executions.stream()
                .filter(execution -> execution.getSuspensionState() == SuspensionState.ACTIVE.getStateCode())
                .filter(execution -> !commandContext.getDbEntityManager().isDeleted(execution))
                .filter(execution -> execution.getEventSubscriptions().stream().anyMatch(subscription ->
                        subscription.isSubscriptionForEventType(EventType.MESSAGE)
                                && messageName.equals(subscription.getEventName())))
                .toList();
        if (matching.isEmpty()) {
            throw mismatch("no execution of the instance waits for it");
        }
        if (matching.size() > 1) {
            throw mismatch(matching.size() + " executions of the instance wait for it");
        }
        return matching.get(0);
    }

    private MismatchingMessageCorrelationException mismatch(String why) {
        return new MismatchingMessageCorrelationException(messageName + " to instance " + processInstanceId + ": "
                + why);
    }
}
