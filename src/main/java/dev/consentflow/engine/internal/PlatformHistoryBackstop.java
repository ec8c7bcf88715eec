package dev.consentflow.engine.internal;

import dev.consentflow.engine.HistoryRetention;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The platform's processes keep their history as long as each account says ({@link HistoryRetention}), so the
 * engine's removal-time cleanup must not take it earlier: at start-up every platform definition (deployed without
 * a tenant; every version) whose {@code historyTimeToLive} is shorter than the backstop gets the backstop, and its
 * finished instances get their removal time computed again from it (an engine batch). The models keep a short
 * time to live for what the engine requires of a model; on this server it is raised. Idempotent: a second node,
 * or the next start, finds nothing to raise.
 */
@Component
class PlatformHistoryBackstop {

    private static final Logger log = LoggerFactory.getLogger(PlatformHistoryBackstop.class);

    private final RepositoryService repository;
    private final HistoryService history;

    PlatformHistoryBackstop(RepositoryService repository, HistoryService history) {
        this.repository = repository;
        this.history = history;
    }

    @EventListener(ApplicationReadyEvent.class)
    void raise() {
        int raised = 0;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().withoutTenantId().list()) {
            Integer ttl = definition.getHistoryTimeToLive();
            if (ttl != null && ttl >= HistoryRetention.BACKSTOP_DAYS) {
                continue;
            }
            try {
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), HistoryRetention.BACKSTOP_DAYS);
                var finished = history.createHistoricProcessInstanceQuery().processDefinitionId(definition.getId())
                        .finished();
                if (finished.count() > 0) {
                    history.setRemovalTimeToHistoricProcessInstances().calculatedRemovalTime().byQuery(finished)
                            .hierarchical().executeAsync();
                }
                raised++;
            } catch (RuntimeException e) {
                // Another node raising the same definition at the same moment: it will be raised either way.
                log.info("The history time to live of {} was not raised here: {}", definition.getId(), e.toString());
            }
        }
        if (raised > 0) {
            log.info("The history time to live of {} platform process definitions raised to {} days (the accounts' "
                    + "engine history periods apply)", raised, HistoryRetention.BACKSTOP_DAYS);
        }
    }
}
