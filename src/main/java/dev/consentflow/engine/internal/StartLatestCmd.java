package dev.consentflow.engine.internal;

import java.util.Collections;
import java.util.Map;
import org.operaton.bpm.engine.history.UserOperationLogEntry;
import org.operaton.bpm.engine.impl.cfg.CommandChecker;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.PropertyChange;

/**
 * Starts the latest version of a process as the engine's start by key does (the same checks, tenant id provider,
 * start and operation log), but takes a platform process's definition by the id {@link LatestDefinitions} knows,
 * from the engine's deployment cache, instead of asking the database for the latest version on every start. An
 * account's flow, a key not known yet, or a definition the deployment cache dropped is looked up by key, as before.
 */
final class StartLatestCmd implements Command<String> {

    private final LatestDefinitions latest;
    private final String processKey;
    private final String businessKey;
    private final Map<String, Object> variables;

    StartLatestCmd(LatestDefinitions latest, String processKey, String businessKey, Map<String, Object> variables) {
        this.latest = latest;
        this.processKey = processKey;
        this.businessKey = businessKey;
        this.variables = variables;
    }

    @Override
    public String execute(CommandContext commandContext) {
        ProcessDefinitionEntity definition = definition(commandContext);
        for (CommandChecker checker : commandContext.getProcessEngineConfiguration().getCommandCheckers()) {
            checker.checkCreateProcessInstance(definition);
        }
        ExecutionEntity instance = definition.createProcessInstance(businessKey, (String) null);
        instance.start(variables);
        commandContext.getOperationLogManager().logProcessInstanceOperation(
                UserOperationLogEntry.OPERATION_TYPE_CREATE, instance.getId(), instance.getProcessDefinitionId(),
                definition.getKey(), Collections.singletonList(PropertyChange.EMPTY_CHANGE));
        return instance.getId();
    }

    private ProcessDefinitionEntity definition(CommandContext commandContext) {
        var cache = commandContext.getProcessEngineConfiguration().getDeploymentCache();
        String known = latest.cached(processKey);
        ProcessDefinitionEntity definition = known == null ? null : cache.findProcessDefinitionFromCache(known);
        if (definition != null) {
            return definition;
        }
        long generation = latest.generation();
        definition = cache.findDeployedLatestProcessDefinitionByKey(processKey);
        if (definition.getTenantId() == null) {
            latest.remember(processKey, definition.getId(), generation);
        }
        return definition;
    }
}
