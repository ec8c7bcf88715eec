package dev.consentflow.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the bench's one PostgreSQL (the same zonky binaries the server embeds) in a fresh data directory and
 * leaves it running when this JVM exits: bench/run owns it from then on, by the pid this prints.
 */
final class PgStart {

    private PgStart() {
    }

    static void run(Map<String, String> options) throws Exception {
        Path dir = Path.of(options.get("dir")).toAbsolutePath();
        Path data = dir.resolve("data");
        delete(data);
        Files.createDirectories(dir);
        Path log = dir.resolve("postgres.log");
        // Durable like the server's own embedded database and a production one: zonky's defaults turn fsync off.
        String durable = Boolean.parseBoolean(options.getOrDefault("durable", "true")) ? "on" : "off";
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable)
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String database : options.getOrDefault("databases", "").split(",")) {
                if (database.matches("[a-z][a-z0-9_]{0,62}")) {
                    s.execute("create database " + database);
                }
            }
        }
        String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
        System.out.println("PG_PORT=" + pg.getPort() + " PG_PID=" + pid);
        System.out.flush();
        // No close(): the server lives on for bench/run, which stops it by its pid.
        Runtime.getRuntime().halt(0);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
