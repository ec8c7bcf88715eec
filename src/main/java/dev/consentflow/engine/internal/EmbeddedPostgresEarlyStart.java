package dev.consentflow.engine.internal;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL as soon as the configuration is read, on a thread of its own, instead of when the
 * context first needs the database: initdb (on a fresh data directory) and the server's start then run while
 * Spring scans and builds the context, which takes the start-up about as long. {@link EmbeddedDatabaseConfiguration}
 * takes the server over, or waits for it; a start that fails before that stops it again. Only without
 * {@code spring.datasource.url}, as that configuration. The same thread then runs Flyway's migrations
 * ({@link EarlyMigrations}), when the configuration lets it, and on a fresh database makes the engine's tables
 * ({@link EarlyEngineSchema}). Registered in {@code META-INF/spring.factories}, after the
 * logging system is set up.
 */
public class EmbeddedPostgresEarlyStart implements GenericApplicationListener {

    private Path started;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationFailedEvent && started != null) {
            EmbeddedPostgresCluster.abandonEarly(started);
        }
    }

    private void start(ConfigurableEnvironment environment) {
        String dataDir;
        String database;
        String[] locations;
        boolean engineSchema;
        try {
            if (!environment.getProperty("spring.datasource.url", "").isEmpty()) {
                return;
            }
            dataDir = environment.getProperty("consentflow.data-dir");
            database = environment.getProperty("consentflow.embedded-postgres.database", "");
            locations = EarlyMigrations.locations(environment);
            engineSchema = EarlyEngineSchema.applies(environment);
        } catch (IllegalArgumentException unresolvable) {
            // A placeholder that only the context resolves: the context starts the server itself, as before.
            return;
        }
        if (dataDir == null || dataDir.isBlank()) {
            return;
        }
        started = Path.of(dataDir).resolve("postgres");
        boolean durable = environment.getProperty("consentflow.embedded-postgres.durable", Boolean.class, true);
        if (locations == null || !database.matches(EmbeddedDatabaseConfiguration.DATABASE_NAME)) {
            EmbeddedPostgresCluster.startEarly(started, durable);
        } else {
            EmbeddedPostgresCluster.startEarly(started, durable, cluster -> {
                if (EarlyMigrations.migrate(cluster, database, locations) && engineSchema) {
                    EarlyEngineSchema.create(cluster, database);
                }
            });
        }
    }

    @Override
    public int getOrder() {
        // After Spring Boot's LoggingApplicationListener: the server's start logs through the configured logging.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
