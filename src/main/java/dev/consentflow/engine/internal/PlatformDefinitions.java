package dev.consentflow.engine.internal;

import dev.consentflow.engine.HistoryRetention;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * Which process definitions are the platform's own (deployed without a tenant: double opt-in, unsubscribe,
 * erasure...), asked inside an engine command; and how long the engine keeps their history at least. Accounts'
 * flows always have a tenant.
 */
final class PlatformDefinitions {

    private final Map<String, Boolean> platform = new ConcurrentHashMap<>();
    private final LatestDefinitions known;

    /**
     * @param known what this node knows of the definitions while it hears of every change ({@link DefinitionChanges});
     *              one that never listens makes every command read the time to live from the database
     */
    PlatformDefinitions(LatestDefinitions known) {
        this.known = known;
    }

    /** A definition's tenant never changes: asked once per definition of the deployment cache. */
    boolean contains(String processDefinitionId) {
        if (processDefinitionId == null) {
            return false;
        }
        Boolean known = platform.get(processDefinitionId);
        if (known == null) {
            if (Context.getProcessEngineConfiguration() == null) {
                return false;
            }
            ProcessDefinitionEntity definition = deployed(processDefinitionId);
            known = definition != null && definition.getTenantId() == null;
            platform.put(processDefinitionId, known);
        }
        return known;
    }

    /**
     * The days the engine keeps a platform definition's history, never fewer than
     * {@link HistoryRetention#BACKSTOP_DAYS} (the time to live this server gives every platform definition, also
     * before {@link PlatformHistoryBackstop} has raised a newly deployed one); null when not the platform's. Read
     * from the database (the definition's row, for a time to live changed by any node) once per definition and
     * change, not once per command: {@link LatestDefinitions} forgets it when any definition changes.
     */
    Integer timeToLiveDays(String processDefinitionId) {
        if (!contains(processDefinitionId)) {
            return null;
        }
        Integer cached = known.cachedTimeToLive(processDefinitionId);
        if (cached != null) {
            return cached;
        }
        long generation = known.generation();
        ProcessDefinitionEntity definition = deployed(processDefinitionId);
        Integer days = definition == null ? null : definition.getHistoryTimeToLive();
        int kept = days == null ? HistoryRetention.BACKSTOP_DAYS : Math.max(days, HistoryRetention.BACKSTOP_DAYS);
        if (definition != null) {
            known.rememberTimeToLive(processDefinitionId, kept, generation);
        }
        return kept;
    }

    /** Unknown (deleted meanwhile) or asked outside a command: null, so not the platform's. */
    private static ProcessDefinitionEntity deployed(String processDefinitionId) {
        var configuration = Context.getProcessEngineConfiguration();
        if (configuration == null) {
            return null;
        }
        try {
            return configuration.getDeploymentCache().findDeployedProcessDefinitionById(processDefinitionId);
        } catch (ProcessEngineException e) {
            return null;
        }
    }
}
