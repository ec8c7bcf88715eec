package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded PostgreSQL started ahead of the context ({@link EmbeddedPostgresEarlyStart}): the context's
 * acquisition takes over that very server, ready with its role; one that no context took (a start-up that failed
 * first) is stopped again. Each on a fresh data directory of its own, as a first start has.
 */
class EmbeddedPostgresEarlyStartIT {

    @BeforeEach
    void embeddedOnly() {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(external == null || external.isBlank(), "runs on the embedded PostgreSQL only");
    }

    @Test
    void theContextTakesOverTheServerStartedEarlyWithItsRole() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "early-start").resolve("postgres");
        EmbeddedPostgresCluster.startEarly(dir, false);
        EmbeddedPostgresCluster.startEarly(dir, false);

        EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.acquire(dir, false);
        try {
            JdbcClient role = JdbcClient.create(new DriverManagerDataSource(cluster.jdbcUrl("early"),
                    EmbeddedPostgresCluster.ROLE, ""));
            assertThat(role.sql("select current_user").query(String.class).single())
                    .isEqualTo(EmbeddedPostgresCluster.ROLE);
            assertThat(EmbeddedPostgresCluster.acquire(dir, false)).isSameAs(cluster);
            cluster.release();
        } finally {
            cluster.release();
        }
    }

    @Test
    void aServerStartedEarlyThatNoContextTookIsStoppedWhenTheStartFails() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "early-start").resolve("postgres");
        EmbeddedPostgresCluster.startEarly(dir, false);

        EmbeddedPostgresCluster.abandonEarly(dir);

        // Stopped by pg_ctl, which waits until the server is gone and its pid file with it.
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
        assertThat(dir.resolve("PG_VERSION")).exists();
    }
}
