package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded PostgreSQL started ahead of the context ({@link EmbeddedPostgresEarlyStart}): the context's
 * acquisition takes over that very server, ready with its role and, when asked, its database migrated, which the
 * context's Flyway takes instead of migrating again; one that no context took (a start-up that failed
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
    void theMigrationsRunEarlyAndTheContextsFlywayTakesThatRunOnceWhenConfiguredAlike() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "early-start").resolve("postgres");
        String[] locations = {"classpath:db/migration"};
        EmbeddedPostgresCluster.startEarly(dir, false, c -> EarlyMigrations.migrate(c, "early", locations));

        EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.acquire(dir, false);
        try {
            String url = cluster.jdbcUrl("early");
            Flyway context = Flyway.configure().dataSource(url, EmbeddedPostgresCluster.ROLE, "")
                    .locations(locations).load();
            assertThat(context.info().pending()).isEmpty();
            assertThat(context.info().applied()).hasSizeGreaterThan(50);
            JdbcClient role = JdbcClient.create(new DriverManagerDataSource(url, EmbeddedPostgresCluster.ROLE, ""));
            assertThat(role.sql("select count(distinct installed_by) from flyway_schema_history").query(Long.class)
                    .single()).isEqualTo(1);

            // A context whose Flyway keeps another history migrates itself.
            assertThat(EarlyMigrations.tookOver(cluster, "early",
                    Flyway.configure().locations(locations).table("other_history"))).isFalse();
            EarlyMigrations.migrate(cluster, "early", locations);
            assertThat(EarlyMigrations.tookOver(cluster, "early", context.getConfiguration())).isTrue();
            assertThat(EarlyMigrations.tookOver(cluster, "early", context.getConfiguration())).isFalse();
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
