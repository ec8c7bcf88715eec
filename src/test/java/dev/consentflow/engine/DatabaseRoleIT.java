package dev.consentflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The running server's connections (the application's, Flyway's and the engine's pool) are no superuser's. */
@IntegrationTest
class DatabaseRoleIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessEngine engine;

    @Test
    void theServerConnectsAsARoleThatIsNoSuperuser() {
        assertThat(jdbc.sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class).single())
                .isFalse();
    }

    @Test
    void theApplicationsRoleOwnsTheEngineTablesAndTheMigrations() {
        String role = jdbc.sql("select current_user").query(String.class).single();
        assertThat(jdbc.sql("""
                select distinct pg_get_userbyid(relowner) from pg_class
                 where relnamespace = 'public'::regnamespace
                   and relname in ('act_ru_execution', 'act_ge_property', 'flyway_schema_history', 'accounts_api_key')
                """).query(String.class).list()).containsExactly(role);
        assertThat(JdbcClient.create(engine.getProcessEngineConfiguration().getDataSource())
                .sql("select current_user").query(String.class).single()).isEqualTo(role);
    }
}
