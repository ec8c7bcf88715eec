package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded PostgreSQL started ahead of the context ({@link EmbeddedPostgresEarlyStart}): the context's
 * acquisition takes over that very server, ready with its role and, when asked, its database migrated, which the
 * context's Flyway takes instead of migrating again; one that no context took (a start-up that failed
 * first) is stopped again. A fresh database is migrated in one transaction, and gets the engine's tables there
 * too, exactly as the engine makes them. Each on a fresh data directory of its own, as a first start has.
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
            // A fresh database's migrations in one transaction: every history row of the same one.
            assertThat(role.sql("select count(distinct xmin::text) from flyway_schema_history where version is not null")
                    .query(Long.class).single()).isEqualTo(1);

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

    @Test
    void theEngineTablesMadeEarlyAreTheOnesTheEngineMakesAndTheEngineThenMakesNoMore() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "early-start").resolve("postgres");
        String[] locations = {"classpath:db/migration"};
        EmbeddedPostgresCluster.startEarly(dir, false, c -> {
            EarlyMigrations.migrate(c, "early", locations);
            EarlyEngineSchema.create(c, "early");
        });

        EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.acquire(dir, false);
        try {
            String early = cluster.jdbcUrl("early");
            List<String> madeEarly = engineSchema(early);
            buildAndClose(cluster.jdbcUrl("by_engine"));
            buildAndClose(early);

            assertThat(madeEarly).hasSizeGreaterThan(500).isEqualTo(engineSchema(cluster.jdbcUrl("by_engine")));
            assertThat(engineSchema(early)).isEqualTo(madeEarly);
            JdbcClient role = JdbcClient.create(new DriverManagerDataSource(early, EmbeddedPostgresCluster.ROLE, ""));
            assertThat(role.sql("select count(*) from act_ge_schema_log").query(Long.class).single()).isEqualTo(1);

            // A database that has the engine's tables is left alone.
            EarlyEngineSchema.create(cluster, "early");
            assertThat(engineSchema(early)).isEqualTo(madeEarly);
        } finally {
            cluster.release();
        }
    }

    /** The engine as the server configures its schema (history, identity, CMMN and DMN on, schema update). */
    private static void buildAndClose(String url) {
        // A name of its own: closing an engine named as the servers' ("default") would unregister theirs.
        ProcessEngine engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setProcessEngineName("early-schema-reference")
                .setJdbcUrl(url).setJdbcUsername(EmbeddedPostgresCluster.ROLE).setJdbcPassword("")
                .setJdbcDriver("org.postgresql.Driver")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false)
                .buildProcessEngine();
        engine.close();
    }

    /** The engine's tables, columns, indexes, constraints, owners and grants, one line each, in order. */
    private static List<String> engineSchema(String url) {
        JdbcClient role = JdbcClient.create(new DriverManagerDataSource(url, EmbeddedPostgresCluster.ROLE, ""));
        return role.sql("""
                select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
                       || coalesce(character_maximum_length::text, '') || ' ' || coalesce(numeric_precision::text, '')
                       || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || ordinal_position as line
                  from information_schema.columns where table_schema = 'public' and table_name like 'act\\_%'
                union all
                select 'index ' || indexname || ' ' || indexdef from pg_indexes
                 where schemaname = 'public' and tablename like 'act\\_%'
                union all
                select 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                  from pg_constraint where conrelid::regclass::text like 'act\\_%'
                union all
                select 'table ' || tablename || ' ' || tableowner || ' ' || coalesce(array_to_string(c.relacl, ','), '')
                  from pg_tables t join pg_class c on c.relname = t.tablename and c.relkind = 'r'
                 where schemaname = 'public' and tablename like 'act\\_%'
                order by 1""").query(String.class).list();
    }
}
