package dev.consentflow.engine.internal;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when the server connects to PostgreSQL as a superuser, embedded or external: a superuser
 * reads the database host's files ({@code pg_read_file}) and runs programs there ({@code COPY ... TO PROGRAM}),
 * so one injected statement would be a compromise of the host. The server needs only a role that owns its
 * database.
 */
@Component
class DatabaseRoleCheck {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleCheck.class);

    private final JdbcClient jdbc;

    DatabaseRoleCheck(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @EventListener(ApplicationStartedEvent.class)
    void onStarted() {
        warnIfSuperuser();
    }

    /** Whether the connected role is a superuser; logs the warning when it is. */
    boolean warnIfSuperuser() {
        var role = jdbc.sql("select current_user as name, rolsuper from pg_roles where rolname = current_user")
                .query((rs, n) -> new Role(rs.getString("name"), rs.getBoolean("rolsuper"))).single();
        if (role.superuser()) {
            log.warn("The server connects to PostgreSQL as '{}', a superuser: whatever runs on this connection can "
                    + "read the database host's files and run programs there. Connect as a role that owns the "
                    + "application's database and nothing more (create role consentflow login password '...' "
                    + "nosuperuser nocreatedb nocreaterole; create database consentflow owner consentflow; then "
                    + "SPRING_DATASOURCE_USERNAME=consentflow and SPRING_DATASOURCE_PASSWORD): see the README, "
                    + "section Database", role.name());
        }
        return role.superuser();
    }

    private record Role(String name, boolean superuser) {
    }
}
