package dev.consentflow.engine.internal;

import java.util.Collections;
import java.util.Map;
import org.operaton.bpm.engine.history.UserOperationLogEntry;
import org.operaton.bpm.engine.impl.cfg.CommandChecker;
import org.operaton.bpm.engine.impl.db.entitymanager.DbEntityManager;
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
 *
 * <p>A definition taken from the deployment cache is also put into the command's entity cache, as the look-up by
 * key does with the row it reads: the engine's later reads of the definition by id in this command (each timer's
 * retry set-up, {@code DefaultJobRetryCmd.getCurrentActivity}) find it there instead of reading
 * {@code select * from ACT_RE_PROCDEF where ID_ = ?} once per timer.
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
            seedEntityCache(commandContext, definition);
            return definition;
        }
        long generation = latest.generation();
        definition = cache.findDeployedLatestProcessDefinitionByKey(processKey);
        if (definition.getTenantId() == null) {
            latest.remember(processKey, definition.getId(), generation);
        }
        return definition;
    }

    /**
     * Puts a copy of the definition's row, as the deployment cache knows it, into the command's entity cache (when
     * the command has none of it yet). A copy, not the shared definition: the entity cache compares an entity's
     * state at flush with its state when put, and nothing in this command changes the copy, so it never writes
     * the row; the deployment cache's definition may be updated meanwhile by other threads. Its state is what this
     * start already relies on: {@link LatestDefinitions} answers only while no definition changed since.
     */
    private static void seedEntityCache(CommandContext commandContext, ProcessDefinitionEntity definition) {
        DbEntityManager entities = commandContext.getDbEntityManager();
        if (entities.getCachedEntity(ProcessDefinitionEntity.class, definition.getId()) != null) {
            return;
        }
        ProcessDefinitionEntity row = new ProcessDefinitionEntity();
        row.setId(definition.getId());
        row.setRevision(definition.getRevision());
        row.setCategory(definition.getCategory());
        row.setName(definition.getName());
        row.setKey(definition.getKey());
        row.setVersion(definition.getVersion());
        row.setDeploymentId(definition.getDeploymentId());
        row.setResourceName(definition.getResourceName());
        row.setDiagramResourceName(definition.getDiagramResourceName());
        row.setHasStartFormKey(definition.getHasStartFormKey());
        row.setSuspensionState(definition.getSuspensionState());
        row.setTenantId(definition.getTenantId());
        row.setVersionTag(definition.getVersionTag());
        row.setHistoryTimeToLive(definition.getHistoryTimeToLive());
        row.setStartableInTasklist(definition.isStartableInTasklist());
        entities.getDbEntityCache().putPersistent(row);
    }
}
