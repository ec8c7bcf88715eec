package dev.consentflow.engine.internal;

import dev.consentflow.engine.ProcessConflict;
import dev.consentflow.engine.ProcessHistory;
import dev.consentflow.engine.ProcessRuntime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.exception.NullValueException;
import org.operaton.bpm.engine.impl.ServiceImpl;
import org.operaton.bpm.engine.impl.interceptor.CommandExecutor;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link ProcessRuntime} on Operaton's runtime service, joining the caller's Spring transaction. The account of a
 * start becomes the instance's tenant ({@link AccountTenantIdProvider}); a publication runs as the account, so the
 * engine's tenant check lets only that account's flows and instances (and the shared processes) hear it. A start
 * of a platform process takes its latest definition by id ({@link StartLatestCmd}, {@link LatestDefinitions}); a
 * message to a known instance reads the instance's tree once ({@link CorrelateToInstanceCmd}).
 */
@Component
class OperatonProcessRuntime implements ProcessRuntime {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;
    private final CommandExecutor commands;
    private final LatestDefinitions latest;
    private final MessageCatchers catchers;
    private final JdbcClient jdbc;

    /** Without a listener for definition changes: every start looks the latest version up (process tests). */
    OperatonProcessRuntime(RuntimeService runtime, TaskService tasks, IdentityService identity, JdbcClient jdbc) {
        this(runtime, tasks, identity, jdbc, new LatestDefinitions());
    }

    @Autowired
    OperatonProcessRuntime(RuntimeService runtime, TaskService tasks, IdentityService identity, JdbcClient jdbc,
                           DefinitionChanges changes) {
        this(runtime, tasks, identity, jdbc, changes.latest());
    }

    private OperatonProcessRuntime(RuntimeService runtime, TaskService tasks, IdentityService identity,
                                   JdbcClient jdbc, LatestDefinitions latest) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
        this.jdbc = jdbc;
        this.commands = ((ServiceImpl) runtime).getCommandExecutor();
        this.latest = latest;
        this.catchers = new MessageCatchers(latest, jdbc);
    }

    @Override
    public String start(String processKey, String businessKey, Map<String, Object> variables) {
        accountOf(variables);
        try {
            return commands.execute(
                    new StartLatestCmd(latest, processKey, businessKey, ProcessVariables.checked(variables)));
        } catch (OptimisticLockingException e) {
            throw new ProcessConflict("a concurrent change to " + processKey + " won", e);
        }
    }

    /** Nested commands reuse the outer command's context (Operaton's CommandContextInterceptor): one flush. */
    @Override
    public <T> T inOneCommand(Supplier<T> work) {
        return commands.execute(context -> work.get());
    }

    @Override
    public boolean correlate(String messageName, String processInstanceId, Map<String, Object> variables) {
        try {
            commands.execute(new CorrelateToInstanceCmd(messageName, processInstanceId,
                    ProcessVariables.checked(variables)));
            return true;
        } catch (MismatchingMessageCorrelationException e) {
            return false;
        } catch (OptimisticLockingException e) {
            throw new ProcessConflict("a concurrent change to instance " + processInstanceId + " won", e);
        }
    }

    @Override
    public int publish(String messageName, String matchVariable, Object matchValue, Map<String, Object> variables) {
        return publish(messageName, Collections.singletonMap(matchVariable, matchValue), variables);
    }

    @Override
    public int publish(String messageName, Map<String, Object> match, Map<String, Object> variables) {
        if (match.isEmpty()) {
            throw new IllegalArgumentException("publishing needs at least one variable to match");
        }
        // Reaches the subscriptions of event subprocess message start events too: they belong to the scope
        // execution, whose process instance carries the matched variables.
        return asAccount(accountOf(variables), () -> runtime.createMessageCorrelation(messageName)
                .processInstanceVariablesEqual(ProcessVariables.checked(match))
                .setVariables(ProcessVariables.checked(variables))
                .correlateAllWithResult()
                .size());
    }

    /**
     * The engine's query would count every subscription of the name in all accounts and keep the tenant's (168
     * buffers per call at 5,000 waiting automations); this one stops at the first of the account's or the
     * platform's, on {@link EngineIndexes#EVENT_SUBSCRIPTION_INDEX}. The same rows as the engine's query: message
     * subscriptions of the name, with the account's tenant or none. Runs in the caller's transaction, which the
     * engine's commands write into, so it sees what they flushed, as the engine's query would. Not asked at all
     * while no deployed definition of the account or the platform catches the message ({@link MessageCatchers}).
     */
    @Override
    public boolean anyListens(String messageName, String accountId) {
        if (catchers.noneCatches(messageName, accountId)) {
            return false;
        }
        return jdbc.sql(EngineSql.ANY_EVENT_SUBSCRIPTION).param("name", messageName).param("account", accountId)
                .query(Boolean.class).single();
    }

    private static String accountOf(Map<String, Object> variables) {
        Object account = variables.get(ACCOUNT_VARIABLE);
        if (account == null || account.toString().isBlank()) {
            throw new IllegalArgumentException("the variables name no account (" + ACCOUNT_VARIABLE + ")");
        }
        return account.toString();
    }

    /**
     * Runs the work with the engine's tenant check on the account alone, then restores whoever was signed in. No
     * user and no groups: a signed-in web apps administrator would otherwise lift the check for everyone.
     */
    private <T> T asAccount(String account, Supplier<T> work) {
        Authentication previous = identity.getCurrentAuthentication();
        identity.setAuthentication(null, null, List.of(account));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(previous);
            }
        }
    }

    @Override
    public int endInstancesOf(UUID subscriberId, String reason, String exceptProcessInstanceId) {
        ProcessVariables.checkedValue("reason", reason);
        List<String> instances = runtime.createProcessInstanceQuery()
                .variableValueEquals(ProcessHistory.SUBSCRIBER_VARIABLE, subscriberId.toString())
                .list().stream()
                .map(ProcessInstance::getId)
                .filter(id -> !id.equals(exceptProcessInstanceId))
                .toList();
        if (instances.isEmpty()) {
            return 0;
        }
        try {
            // Custom listeners run (a flow may clean up); the instances count as ended from outside.
            runtime.deleteProcessInstancesIfExists(instances, reason, false, true, false);
        } catch (OptimisticLockingException e) {
            throw new ProcessConflict("a concurrent change to an instance of the person won", e);
        } catch (NullValueException e) {
            // The same race met earlier: an instance found above ended in a transaction that committed meanwhile
            // (a confirmation click), and the engine, reading its executions to delete them, found none. Again
            // from the start, the instance is no longer found.
            throw new ProcessConflict("an instance of the person ended while it was being ended", e);
        }
        return instances.size();
    }

    @Override
    public boolean completeTask(String processInstanceId, String taskDefinitionKey, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskDefinitionKey)
                .active().singleResult();
        if (task == null) {
            return false;
        }
        try {
            tasks.complete(task.getId(), ProcessVariables.checked(variables));
            return true;
        } catch (OptimisticLockingException e) {
            throw new ProcessConflict("a concurrent change to instance " + processInstanceId + " won", e);
        }
    }
}
