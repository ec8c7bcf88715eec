package dev.consentflow.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.history.HistoryLevel;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Puts {@link PlatformHistoryLevel} in the place of the engine's {@code full}, once the configuration has resolved
 * it ({@code operaton.bpm.history-level: full}) and before anything is deployed or recorded; the database's level
 * (3) stays as it is. Any other configured level is left alone. Before that, it has the platform processes' history
 * written with its removal time ({@link PlatformRemovalTimes}): the producer and the handlers around the engine's
 * database handler, which reads the start times of a platform instance's ends once per command
 * ({@link PlatformScopeEnds}). The definitions' times to live are what {@link DefinitionChanges} keeps true on this
 * node.
 */
@Component
class PlatformHistory extends AbstractProcessEnginePlugin {

    private final PlatformDefinitions platform;

    @Autowired
    PlatformHistory(DefinitionChanges changes) {
        this.platform = new PlatformDefinitions(changes.latest());
    }

    /** Without notices of changes (an engine of a test): every command reads the time to live, as the engine does. */
    PlatformHistory() {
        this.platform = new PlatformDefinitions(new LatestDefinitions());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getHistoryEventProducer() != null || configuration.getHistoryEventHandler() != null) {
            return;
        }
        configuration.setHistoryEventProducer(new PlatformRemovalTimes.Producer(platform));
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new PlatformRemovalTimes.AtWrite(platform));
        handlers.addAll(configuration.getCustomHistoryEventHandlers());
        if (configuration.isEnableDefaultDbHistoryEventHandler()) {
            handlers.add(new PlatformScopeEnds(platform));
            handlers.add(new PlatformRemovalTimes.AtEnd(platform));
            configuration.setEnableDefaultDbHistoryEventHandler(false);
        }
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        HistoryLevel configured = configuration.getHistoryLevel();
        if (configured != null && configured.getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()) {
            configuration.setHistoryLevel(new PlatformHistoryLevel(platform));
        }
    }
}
