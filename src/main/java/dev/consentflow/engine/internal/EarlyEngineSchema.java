package dev.consentflow.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The engine's tables of a fresh embedded database, made on the early start's thread right after the migrations
 * ({@link EarlyMigrations}), while Spring still builds the context, instead of by the engine's schema update on
 * the main thread when the engine is built. The statements are the engine's own create scripts for PostgreSQL,
 * the components in the order and under the conditions of the engine's schema creation as the server configures
 * it (history, identity, CMMN and DMN used), all in one transaction sent in one round trip (the engine sends its
 * some 340 statements one by one). The engine's schema update then finds every table and does nothing, as on a
 * restart. Only on a database without any engine table, and only when the configuration leaves the engine's
 * schema settings as the server ships them ({@link #applies}); an early creation that fails rolls back whole and
 * leaves the schema, and its error, to the engine.
 */
final class EarlyEngineSchema {

    /** Operaton's components, in the order its {@code dbSchemaCreate} makes them. */
    private static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine",
            "case.history", "decision.engine", "decision.history");
    private static final String SCRIPT = "org/operaton/bpm/engine/db/create/activiti.postgres.create.%s.sql";
    /** Settings that change which tables the engine makes, or where: with any of them set, the engine makes them. */
    private static final Set<String> ENGINE_SCHEMA_SETTINGS = Set.of("operaton.bpm.database.table-prefix",
            "operaton.bpm.database.schema-name", "operaton.bpm.database.type",
            "operaton.bpm.generic-properties.properties.cmmn-enabled",
            "operaton.bpm.generic-properties.properties.dmn-enabled",
            "operaton.bpm.generic-properties.properties.db-identity-used",
            "operaton.bpm.generic-properties.properties.db-history-used",
            "operaton.bpm.generic-properties.properties.database-table-prefix",
            "operaton.bpm.generic-properties.properties.database-schema");
    private static final Logger log = LoggerFactory.getLogger(EarlyEngineSchema.class);

    private EarlyEngineSchema() {
    }

    /**
     * Whether this environment's engine would make its tables as {@link #create} does: schema update on, the
     * default table names and schema, a history level that keeps history, and CMMN, DMN and identity left on.
     */
    static boolean applies(ConfigurableEnvironment environment) {
        String update = environment.getProperty("operaton.bpm.database.schema-update", "true");
        String history = environment.getProperty("operaton.bpm.history-level", "full");
        return ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE.equalsIgnoreCase(update)
                && !history.equalsIgnoreCase(ProcessEngineConfiguration.HISTORY_NONE)
                && ENGINE_SCHEMA_SETTINGS.stream().noneMatch(environment::containsProperty);
    }

    /** Makes the engine's tables in the database when it has none of them yet, as the application's role. */
    static void create(EmbeddedPostgresCluster cluster, String database) {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(database), EmbeddedPostgresCluster.ROLE, "");
             Statement s = c.createStatement()) {
            if (anyEngineTable(s)) {
                return;
            }
            c.setAutoCommit(false);
            s.execute(scripts());
            c.commit();
            log.debug("Made the engine's tables of {} early", database);
        } catch (SQLException | RuntimeException e) {
            log.info("Making the engine's tables of {} early failed; the engine makes them: {}", database,
                    e.getMessage());
        }
    }

    private static boolean anyEngineTable(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("select exists (select 1 from pg_class where relkind = 'r'"
                + " and relnamespace = 'public'::regnamespace and relname like 'act\\_%')")) {
            return r.next() && r.getBoolean(1);
        }
    }

    private static String scripts() {
        StringBuilder all = new StringBuilder();
        for (String component : COMPONENTS) {
            String path = SCRIPT.formatted(component);
            try (InputStream in = ProcessEngineConfiguration.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("The engine's jar has no " + path);
                }
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }
}
