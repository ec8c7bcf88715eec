package dev.consentflow.engine.internal;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts reading the engine's MyBatis mappings ({@link EngineMappings}) as soon as the configuration is read, so
 * the reading runs beside the context's scanning, the embedded PostgreSQL's start and the migrations. Registered
 * in {@code META-INF/spring.factories}.
 */
public class EngineMappingsEarlyRead implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String prefix;
        try {
            prefix = event.getEnvironment().getProperty("operaton.bpm.database.table-prefix", "");
        } catch (IllegalArgumentException unresolvable) {
            // A placeholder that only the context resolves: the engine reads its mappings itself, as before.
            return;
        }
        EngineMappings.readEarly(prefix.isBlank() ? "" : prefix);
    }
}
