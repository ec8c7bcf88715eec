package dev.consentflow.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionManager;
import org.springframework.stereotype.Component;

/**
 * Whenever a command needs an instance's definition (a correlation, a job, a timer's set-up), the engine's
 * deployment cache reads the definition's row first ({@code select * from ACT_RE_PROCDEF where ID_ = ?}) only to
 * copy its revision, suspension state and history time to live onto the definition it holds: once per confirmation
 * click (SignupConfirmCostBench). The row changes only with a change that {@link DefinitionChanges} hears of on
 * every node (a deployment, a deletion, a suspension, a new time to live: the trigger notifies when it commits). So
 * once a row has been read while this node listens, and no change has been heard of since the read began, the
 * definition the deployment cache holds is as the row is, and is taken as it is. Before the listener connects, after
 * its connection broke, after any change, or when the cache dropped the definition, the row is read as before.
 */
@Component
class KnownDefinitionRows extends AbstractProcessEnginePlugin {

    /** The generation of {@link LatestDefinitions} each definition's row was last read in. */
    private final Map<String, Long> readIn = new ConcurrentHashMap<>();
    private final LatestDefinitions latest;

    KnownDefinitionRows(DefinitionChanges changes) {
        this.latest = changes.latest();
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, ProcessDefinitionManager.class, Manager::new);
    }

    /** Whether the definition's row was read since the last change heard of, while this node listens. */
    boolean unchanged(String processDefinitionId) {
        Long generation = readIn.get(processDefinitionId);
        return generation != null && latest.listening() && generation == latest.generation();
    }

    /** A read of the row that began in this generation; a change heard of after it began voids it. */
    void read(String processDefinitionId, long generationBefore) {
        if (latest.listening()) {
            readIn.put(processDefinitionId, generationBefore);
        }
    }

    long generation() {
        return latest.generation();
    }

    /** The engine's manager of definitions, answering an unchanged definition from the deployment cache. */
    final class Manager extends ProcessDefinitionManager {

        @Override
        public ProcessDefinitionEntity getCachedResourceDefinitionEntity(String definitionId) {
            ProcessDefinitionEntity ofCommand = super.getCachedResourceDefinitionEntity(definitionId);
            if (ofCommand != null || definitionId == null
                    || !KnownDefinitionRows.this.unchanged(definitionId)) {
                return ofCommand;
            }
            return Context.getProcessEngineConfiguration().getDeploymentCache()
                    .findProcessDefinitionFromCache(definitionId);
        }

        @Override
        public ProcessDefinitionEntity findLatestDefinitionById(String id) {
            long generation = KnownDefinitionRows.this.generation();
            ProcessDefinitionEntity row = super.findLatestDefinitionById(id);
            if (row != null) {
                KnownDefinitionRows.this.read(id, generation);
            }
            return row;
        }
    }
}
