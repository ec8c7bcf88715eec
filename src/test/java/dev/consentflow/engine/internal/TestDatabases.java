package dev.consentflow.engine.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Gives tests that run without Spring (process tests) a database on the same embedded PostgreSQL the Spring
 * contexts of this JVM use, or on {@code SPRING_DATASOURCE_URL} when that is set.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static String jdbcUrl(String database) {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        Path dir = Path.of("target", "test-data", "jvm-" + ProcessHandle.current().pid(), "postgres");
        EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.acquire(dir, false);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::release));
        return cluster.jdbcUrl(database);
    }

    /**
     * This JVM's embedded cluster for a test that needs the cluster itself (roles, several databases); skips the
     * test when {@code SPRING_DATASOURCE_URL} points elsewhere. The caller releases it.
     */
    static EmbeddedPostgresCluster embeddedClusterOrSkip() {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        Assumptions.assumeTrue(external == null || external.isBlank(),
                "runs on the embedded PostgreSQL only");
        return EmbeddedPostgresCluster.acquire(
                Path.of("target", "test-data", "jvm-" + ProcessHandle.current().pid(), "postgres"), false);
    }

    public static String username() {
        String user = System.getenv("SPRING_DATASOURCE_USERNAME");
        if (user != null && !user.isBlank()) {
            return user;
        }
        String external = System.getenv("SPRING_DATASOURCE_URL");
        return external == null || external.isBlank() ? EmbeddedPostgresCluster.ROLE : "postgres";
    }

    public static String password() {
        String password = System.getenv("SPRING_DATASOURCE_PASSWORD");
        return password == null ? "" : password;
    }
}
