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
     * before {@link PlatformHistoryBackstop} has raised a newly deployed one); null when not the platform's.
     */
    Integer timeToLiveDays(String processDefinitionId) {
        if (!contains(processDefinitionId)) {
            return null;
        }
        ProcessDefinitionEntity definition = deployed(processDefinitionId);
        Integer days = definition == null ? null : definition.getHistoryTimeToLive();
        return days == null ? HistoryRetention.BACKSTOP_DAYS : Math.max(days, HistoryRetention.BACKSTOP_DAYS);
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
