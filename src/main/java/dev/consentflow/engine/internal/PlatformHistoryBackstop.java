package dev.consentflow.engine.internal;

import dev.consentflow.engine.HistoryRetention;
import java.util.List;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's processes keep their history as long as each account says ({@link HistoryRetention}), so the
 * engine's removal-time cleanup must not take it earlier: at start-up every platform definition (deployed without
 * a tenant; every version) whose {@code historyTimeToLive} is shorter than the backstop gets the backstop, and its
 * finished instances get their removal time computed again from it (an engine batch). The models keep a short
 * time to live for what the engine requires of a model; on this server it is raised. Idempotent: a second node,
 * or the next start, finds nothing to raise. The definitions to raise are read from the engine's table
 * ({@code find-platform-definitions-below-backstop}): the engine's definition query would load and parse every
 * definition it lists (for its documentation), which on a restart, with nothing cached yet, was every version of
 * every platform process before the server became ready, for nothing to raise.
 */
@Component
class PlatformHistoryBackstop {

    private static final Logger log = LoggerFactory.getLogger(PlatformHistoryBackstop.class);

    private final RepositoryService repository;
    private final HistoryService history;
    private final JdbcClient jdbc;

    PlatformHistoryBackstop(RepositoryService repository, HistoryService history, JdbcClient jdbc) {
        this.repository = repository;
        this.history = history;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void raise() {
        int raised = 0;
        for (String definition : belowBackstop()) {
            try {
                repository.updateProcessDefinitionHistoryTimeToLive(definition, HistoryRetention.BACKSTOP_DAYS);
                var finished = history.createHistoricProcessInstanceQuery().processDefinitionId(definition)
                        .finished();
                if (finished.count() > 0) {
                    history.setRemovalTimeToHistoricProcessInstances().calculatedRemovalTime().byQuery(finished)
                            .hierarchical().executeAsync();
                }
                raised++;
            } catch (RuntimeException e) {
                // Another node raising the same definition at the same moment: it will be raised either way.
                log.info("The history time to live of {} was not raised here: {}", definition, e.toString());
            }
        }
        if (raised > 0) {
            log.info("The history time to live of {} platform process definitions raised to {} days (the accounts' "
                    + "engine history periods apply)", raised, HistoryRetention.BACKSTOP_DAYS);
        }
    }

    private List<String> belowBackstop() {
        return jdbc.sql(EngineSql.FIND_PLATFORM_DEFINITIONS_BELOW_BACKSTOP)
                .param("backstop", HistoryRetention.BACKSTOP_DAYS).query(String.class).list();
    }
}
