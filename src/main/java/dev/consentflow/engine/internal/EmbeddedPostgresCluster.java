package dev.consentflow.engine.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per data directory and JVM, shared by every Spring context that asks for it
 * and stopped when the last one lets go. Stopping is driven by Spring's lifecycle, not by zonky's JVM shutdown
 * hook, so the engine can finish its last statements before the server goes away.
 *
 * <p>The server's superuser ({@code postgres}) only prepares: it creates the login role {@link #ROLE} (no
 * superuser, no databases, no roles) and each database, owned by that role. The application connects as the
 * role, so nothing it runs can read the host's files or start programs there. Databases of earlier versions,
 * whose objects the superuser owns, are handed to the role on start. The server trusts connections on loopback
 * (zonky's {@code initdb -A trust}), so the role has no password.
 */
final class EmbeddedPostgresCluster {

    /** The login role the application connects as. */
    static final String ROLE = "consentflow";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresCluster.class);
    private static final Map<Path, EmbeddedPostgresCluster> running = new HashMap<>();
    /** Servers started ahead of the context that will acquire them ({@link #startEarly}). */
    private static final Map<Path, CompletableFuture<EmbeddedPostgresCluster>> starting = new HashMap<>();
    private static final String HAND_OVER = load("/sql/engine/hand-over-to-role.sql");

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
            CompletableFuture<EmbeddedPostgresCluster> early = starting.remove(key);
            cluster = early == null ? started(key, durable) : awaitEarly(early);
            running.put(key, cluster);
        }
        cluster.users++;
        return cluster;
    }

    /**
     * Starts the server of a data directory on a thread of its own (initdb on a fresh directory, then the server
     * and the role), while Spring builds the context; {@link #acquire} then takes it, or waits for it. Nothing
     * happens when the directory's server runs or starts already.
     */
    static void startEarly(Path dataDir, boolean durable) {
        startEarly(dataDir, durable, cluster -> { });
    }

    /**
     * As {@link #startEarly(Path, boolean)}, and then, on the same thread, what else the start-up needs of the
     * server before the context does (the migrations, {@link EarlyMigrations}); {@link #acquire} waits for both.
     * That step handles its own failures.
     */
    static synchronized void startEarly(Path dataDir, boolean durable, Consumer<EmbeddedPostgresCluster> then) {
        Path key = dataDir.toAbsolutePath().normalize();
        if (running.containsKey(key) || starting.containsKey(key)) {
            return;
        }
        CompletableFuture<EmbeddedPostgresCluster> early = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                EmbeddedPostgresCluster cluster = started(key, durable);
                then.accept(cluster);
                early.complete(cluster);
            } catch (RuntimeException | Error e) {
                early.completeExceptionally(e);
            }
        }, "embedded-postgres-start");
        thread.setDaemon(true);
        starting.put(key, early);
        thread.start();
    }

    /** Stops a server started early that no context acquired (the start-up failed before it needed one). */
    static void abandonEarly(Path dataDir) {
        CompletableFuture<EmbeddedPostgresCluster> early;
        synchronized (EmbeddedPostgresCluster.class) {
            early = starting.remove(dataDir.toAbsolutePath().normalize());
        }
        if (early != null) {
            try {
                early.join().stop();
            } catch (CompletionException e) {
                log.debug("The early start of the embedded PostgreSQL had failed", e.getCause());
            }
        }
    }

    private static EmbeddedPostgresCluster started(Path key, boolean durable) {
        EmbeddedPostgresCluster cluster = new EmbeddedPostgresCluster(key, start(key, durable));
        cluster.ensureRole();
        return cluster;
    }

    private static EmbeddedPostgresCluster awaitEarly(CompletableFuture<EmbeddedPostgresCluster> early) {
        try {
            return early.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
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

    /** Creates the application's role, or takes away any privilege an earlier hand gave it. */
    private void ensureRole() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + ROLE + "') then "
                    + "create role " + ROLE + " login; end if; end $$");
            s.execute("alter role " + ROLE + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database role " + ROLE, e);
        }
    }

    /** The JDBC URL of a database as the superuser: for preparing only, never for the application. */
    String superuserJdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    /**
     * Creates the database, owned by {@link #ROLE}, when it does not exist yet, hands an existing one and every
     * object in it to that role, and answers the JDBC URL to connect as the role.
     */
    synchronized String jdbcUrl(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?");
             Statement s = c.createStatement()) {
            exists.setString(1, database);
            // The name comes from configuration and is checked against a strict pattern by the caller.
            if (!exists.executeQuery().next()) {
                s.execute("create database \"" + database + "\" owner " + ROLE);
            } else {
                s.execute("alter database \"" + database + "\" owner to " + ROLE);
                handOver(database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the database " + database, e);
        }
        return postgres.getJdbcUrl(ROLE, database);
    }

    /** Gives the role the objects that an earlier version, connected as the superuser, created. */
    private void handOver(String database) throws SQLException {
        try (Connection c = postgres.getDatabase("postgres", database).getConnection();
             Statement s = c.createStatement()) {
            s.execute(HAND_OVER.replace("{role}", ROLE));
        }
    }

    private static String load(String path) {
        try (InputStream in = EmbeddedPostgresCluster.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void release() {
        if (--users > 0) {
            return;
        }
        synchronized (EmbeddedPostgresCluster.class) {
            running.remove(dataDir);
        }
        stop();
    }

    private void stop() {
        try {
            log.info("Stopping embedded PostgreSQL in {}", dataDir);
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
