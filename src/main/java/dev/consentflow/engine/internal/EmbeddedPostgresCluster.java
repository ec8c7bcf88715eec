package dev.consentflow.engine.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per data directory and JVM, shared by every Spring context that asks for it
 * and stopped when the last one lets go. Stopping is driven by Spring's lifecycle, not by zonky's JVM shutdown
 * hook, so the engine can finish its last statements before the server goes away.
 */
final class EmbeddedPostgresCluster {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresCluster.class);
    private static final Map<Path, EmbeddedPostgresCluster> running = new HashMap<>();

    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedPostgresCluster(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    static synchronized EmbeddedPostgresCluster acquire(Path dataDir, boolean durable) {
        Path key = dataDir.toAbsolutePath().normalize();
        EmbeddedPostgresCluster cluster = running.get(key);
        if (cluster == null) {
            cluster = new EmbeddedPostgresCluster(key, start(key, durable));
            running.put(key, cluster);
        }
        cluster.users++;
        return cluster;
    }

    private static EmbeddedPostgres start(Path dataDir, boolean durable) {
        try {
            Files.createDirectories(dataDir);
            log.info("Starting embedded PostgreSQL with its data in {}", dataDir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    // Engine tables fill fast (thousands of waiting instances in minutes): analyze them often, or
                    // the planner keeps empty-table statistics and correlations scan every subscription.
                    .setServerConfig("autovacuum_naptime", "10s")
                    .setServerConfig("autovacuum_analyze_scale_factor", "0.02")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The JDBC URL of the server's {@code postgres} database. */
    String adminJdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Creates the database when it does not exist yet and answers its JDBC URL. */
    String jdbcUrl(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                // The name comes from configuration and is checked against a strict pattern by the caller.
                c.createStatement().execute("create database \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + database, e);
        }
        return postgres.getJdbcUrl("postgres", database);
    }

    synchronized void release() {
        if (--users > 0) {
            return;
        }
        synchronized (EmbeddedPostgresCluster.class) {
            running.remove(dataDir);
        }
        try {
            log.info("Stopping embedded PostgreSQL in {}", dataDir);
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
