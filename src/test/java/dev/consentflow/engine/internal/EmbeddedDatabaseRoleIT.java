package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded PostgreSQL's least privilege: the application's role is no superuser, owns what it uses, and
 * takes over a database that an earlier version (connected as the superuser) filled. Runs on this JVM's shared
 * embedded cluster, without Spring; skipped when the tests run on {@code SPRING_DATASOURCE_URL}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseRoleIT {

    private static EmbeddedPostgresCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = TestDatabases.embeddedClusterOrSkip();
    }

    @AfterAll
    static void release() {
        if (cluster != null) {
            cluster.release();
        }
    }

    @Test
    void theApplicationsRoleMayNeitherReadServerFilesNorCreateDatabasesOrRoles() {
        JdbcClient role = JdbcClient.create(asRole(cluster.jdbcUrl(newName())));

        assertThat(role.sql("select rolsuper or rolcreatedb or rolcreaterole or rolreplication or rolbypassrls "
                + "from pg_roles where rolname = current_user").query(Boolean.class).single()).isFalse();
        assertThat(role.sql("select current_user").query(String.class).single()).isEqualTo(EmbeddedPostgresCluster.ROLE);
        assertThatThrownBy(() -> role.sql("select pg_read_file('PG_VERSION')").query(String.class).single())
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> role.sql("create database t_not_allowed").update())
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> role.sql("copy (select 1) to program 'true'").update())
                .hasStackTraceContaining("permission denied");
    }

    @Test
    void aDatabaseThatAnEarlierVersionFilledAsTheSuperuserIsHandedToTheRoleAndKeepsWorking() throws SQLException {
        String database = newName();
        JdbcClient.create(asSuperuser("postgres")).sql("create database " + database).update();
        DriverManagerDataSource legacy = asSuperuser(database);
        Flyway.configure().dataSource(legacy).locations("classpath:db/migration").load().migrate();
        try (HikariDataSource pool = pooled(legacy)) {
            engineOn(pool).close();
        }
        JdbcClient superuser = JdbcClient.create(legacy);
        assertThat(foreignObjects(superuser)).isNotEmpty();

        DriverManagerDataSource role = asRole(cluster.jdbcUrl(database));
        cluster.jdbcUrl(database);

        assertThat(foreignObjects(superuser)).isEmpty();
        assertThat(JdbcClient.create(legacy).sql("select pg_get_userbyid(datdba) from pg_database where datname = ?")
                .param(database).query(String.class).single()).isEqualTo(EmbeddedPostgresCluster.ROLE);
        Flyway.configure().dataSource(role).locations("classpath:db/migration").load().migrate();
        try (HikariDataSource pool = pooled(role)) {
            ProcessEngine engine = engineOn(pool);
            assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isZero();
            engine.close();
        }
        JdbcClient asRole = JdbcClient.create(role);
        asRole.sql("alter table act_ge_property add column probe int").update();
        asRole.sql("alter table act_ge_property drop column probe").update();
        asRole.sql("alter table accounts_account add column probe int").update();
        asRole.sql("alter table accounts_account drop column probe").update();
        asRole.sql("insert into consent_audit_head (account_id, seq) values (gen_random_uuid(), 0)").update();
        assertThatThrownBy(() -> asRole.sql("delete from consent_audit_entry").update())
                .hasStackTraceContaining("append-only");
    }

    @Test
    void connectingAsASuperuserIsWarnedAboutWithTheWayOut(CapturedOutput output) {
        String database = newName();
        String url = cluster.jdbcUrl(database);

        assertThat(new DatabaseRoleCheck(asRole(url)).warnIfSuperuser()).isFalse();
        assertThat(output.getAll()).doesNotContain("a superuser");

        assertThat(new DatabaseRoleCheck(asSuperuser(database)).warnIfSuperuser()).isTrue();
        assertThat(output.getAll()).contains("WARN").contains("connects to PostgreSQL as 'postgres', a superuser")
                .contains("nosuperuser").contains("SPRING_DATASOURCE_USERNAME");
    }

    /** Relations, routines and types of the public schema that the role does not own. */
    private static List<String> foreignObjects(JdbcClient jdbc) {
        return jdbc.sql("""
                select relname from pg_class where relnamespace = 'public'::regnamespace
                   and relowner <> 'consentflow'::regrole
                union all
                select proname from pg_proc where pronamespace = 'public'::regnamespace
                   and proowner <> 'consentflow'::regrole
                union all
                select typname from pg_type where typnamespace = 'public'::regnamespace
                   and typowner <> 'consentflow'::regrole
                """).query(String.class).list();
    }

    private static HikariDataSource pooled(DriverManagerDataSource dataSource) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(dataSource.getUrl());
        pool.setUsername(dataSource.getUsername());
        pool.setPassword("");
        pool.setMaximumPoolSize(2);
        return pool;
    }

    private static ProcessEngine engineOn(DataSource dataSource) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("role-it-" + ThreadLocalRandom.current().nextInt(1_000_000));
        return configuration.buildProcessEngine();
    }

    private static DriverManagerDataSource asRole(String url) {
        return new DriverManagerDataSource(url, EmbeddedPostgresCluster.ROLE, "");
    }

    private static DriverManagerDataSource asSuperuser(String database) {
        return new DriverManagerDataSource(cluster.superuserJdbcUrl(database), "postgres", "");
    }

    private static String newName() {
        return "role_it_" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    }
}
