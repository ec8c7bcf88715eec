package dev.consentflow.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Flyway's migrations of the embedded database, run on the thread that starts the embedded PostgreSQL early
 * ({@link EmbeddedPostgresEarlyStart}), right after initdb and the server's start, while Spring still builds the
 * context: a fresh database's migrations (about 2 s; in one transaction, {@link #unmigrated}) and a restart's
 * validation leave the start-up's critical path.
 * The context's Flyway then takes that run instead of migrating again ({@link #tookOver}), only when it is
 * configured as the early run was: the same locations, table and schemas, and no callbacks or Java migrations of
 * the context. The early run only happens without any {@code spring.flyway.*} setting besides the locations and
 * with {@code consentflow.embedded-postgres.migrate-early} (default true); an early run that fails leaves the
 * migration, and its error, to the context's Flyway.
 */
final class EarlyMigrations {

    static final String PROPERTY = "consentflow.embedded-postgres.migrate-early";
    private static final ConfigurationPropertyName FLYWAY = ConfigurationPropertyName.of("spring.flyway");
    private static final ConfigurationPropertyName LOCATIONS = ConfigurationPropertyName.of("spring.flyway.locations");
    private static final String[] DEFAULT_LOCATIONS = {"classpath:db/migration"};
    private static final Logger log = LoggerFactory.getLogger(EarlyMigrations.class);

    /** Successful early runs by the database's JDBC URL: what the context's Flyway checks before taking one. */
    private static final Map<String, Configuration> migrated = new ConcurrentHashMap<>();

    private EarlyMigrations() {
    }

    /** The locations to migrate from early, or null when this environment leaves migrating to the context. */
    static String[] locations(ConfigurableEnvironment environment) {
        if (!environment.getProperty(PROPERTY, Boolean.class, true)) {
            return null;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names && names.stream()
                    .anyMatch(name -> FLYWAY.isAncestorOf(name) && !LOCATIONS.equals(name)
                            && !LOCATIONS.isAncestorOf(name))) {
                return null;
            }
        }
        return Binder.get(environment).bind(LOCATIONS, Bindable.of(String[].class)).orElse(DEFAULT_LOCATIONS);
    }

    /**
     * Migrates the database (made here when it does not exist yet) as the application's role; never throws: answers
     * whether it migrated.
     */
    static boolean migrate(EmbeddedPostgresCluster cluster, String database, String[] locations) {
        try {
            FluentConfiguration configuration = Flyway.configure(EarlyMigrations.class.getClassLoader())
                    .dataSource(cluster.jdbcUrl(database), EmbeddedPostgresCluster.ROLE, "")
                    .locations(locations);
            Flyway flyway = configuration.group(unmigrated(configuration)).load();
            MigrateResult result = flyway.migrate();
            migrated.put(cluster.superuserJdbcUrl(database), flyway.getConfiguration());
            log.debug("Migrated {} early: {} migrations", database, result.migrationsExecuted);
            return true;
        } catch (RuntimeException e) {
            log.info("The early migration of {} failed; the start-up migrates it again: {}", database, e.getMessage());
            return false;
        }
    }

    /**
     * Whether the database has no schema history yet: a fresh one, whose every migration then runs in one transaction
     * (Flyway's group), one commit instead of one per migration, all or nothing. A database with a history migrates
     * one transaction per migration, as before.
     */
    private static boolean unmigrated(FluentConfiguration configuration) {
        try (Connection c = configuration.getDataSource().getConnection();
             PreparedStatement history = c.prepareStatement("select to_regclass(?) is null")) {
            history.setString(1, configuration.getTable());
            ResultSet result = history.executeQuery();
            return result.next() && result.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Whether an early run migrated this database as the context's Flyway would: then it need not run. Each run is
     * taken once; a later context on the same database migrates itself.
     */
    static boolean tookOver(EmbeddedPostgresCluster cluster, String database, Configuration context) {
        Configuration early = migrated.remove(cluster.superuserJdbcUrl(database));
        return early != null
                && Arrays.equals(names(early.getLocations()), names(context.getLocations()))
                && early.getTable().equals(context.getTable())
                && Arrays.equals(early.getSchemas(), context.getSchemas())
                && context.getCallbacks().length == 0
                && context.getJavaMigrations().length == 0;
    }

    private static String[] names(Location[] locations) {
        return Arrays.stream(locations).map(Location::getDescriptor).toArray(String[]::new);
    }
}
