package dev.consentflow.dispatch.internal;

import dev.consentflow.NamedSql;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named leases in PostgreSQL, for work one node at a time does: the holder renews its lease before each round;
 * when it dies, the lease runs out and another node takes over. Each statement is atomic on its own.
 */
@Component
class Leases {

    private final JdbcClient jdbc;

    Leases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease; answers false while another node holds it. */
    boolean take(String name, String node, Duration lease) {
        return jdbc.sql(Sql.TAKE).param("name", name).param("node", node)
                .param("leaseSeconds", lease.toMillis() / 1000.0).query(String.class).optional().isPresent();
    }

    void giveUp(String name, String node) {
        jdbc.sql(Sql.GIVE_UP).param("name", name).param("node", node).update();
    }

    private static final class Sql {
        static final String TAKE = NamedSql.read("dispatch", "take-lease");
        static final String GIVE_UP = NamedSql.read("dispatch", "give-up-lease");
    }
}
