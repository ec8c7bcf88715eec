package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.history.HistoryLevel;
import org.springframework.stereotype.Component;

/**
 * Puts {@link PlatformHistoryLevel} in the place of the engine's {@code full}, once the configuration has resolved
 * it ({@code operaton.bpm.history-level: full}) and before anything is deployed or recorded; the database's level
 * (3) stays as it is. Any other configured level is left alone.
 */
@Component
class PlatformHistory extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        HistoryLevel configured = configuration.getHistoryLevel();
        if (configured != null && configured.getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()) {
            configuration.setHistoryLevel(new PlatformHistoryLevel());
        }
    }
}
