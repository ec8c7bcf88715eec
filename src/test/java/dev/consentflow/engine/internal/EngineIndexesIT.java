package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link EngineIndexes} on a database of its own in this JVM's embedded cluster, as the application's role (no
 * superuser), without Spring: nodes that start at once make each index once and none fails; a start that finds
 * them makes nothing. Skipped when the tests run on {@code SPRING_DATASOURCE_URL}.
 */
class EngineIndexesIT {

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
    void nodesStartingAtOnceMakeEachIndexOnceAndALaterStartFindsThem() throws Exception {
        DriverManagerDataSource database = new DriverManagerDataSource(
                cluster.jdbcUrl("indexes_it_" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L)),
                EmbeddedPostgresCluster.ROLE, "");
        JdbcClient jdbc = JdbcClient.create(database);
        // The columns of the engine's table that the index and its query use.
        jdbc.sql("create table act_ru_variable (id_ varchar(64) primary key, name_ varchar(255) not null, "
                + "text_ varchar(4000))").update();
        jdbc.sql("insert into act_ru_variable select 'v' || g, case when g % 2 = 0 then 'subscriberId' else 'listId' "
                + "end, md5(g::text) from generate_series(1, 2000) g").update();
        jdbc.sql("insert into act_ru_variable values ('long', 'subscriberId', repeat('x', 4000))").update();
        jdbc.sql("create table act_ru_event_subscr (id_ varchar(64) primary key, event_type_ varchar(255) not null, "
                + "event_name_ varchar(255), tenant_id_ varchar(64))").update();

        int nodes = 4;
        CountDownLatch ready = new CountDownLatch(nodes);
        ExecutorService starts = Executors.newFixedThreadPool(nodes);
        try {
            Future<?>[] done = new Future<?>[nodes];
            for (int i = 0; i < nodes; i++) {
                done[i] = starts.submit(() -> {
                    EngineIndexes node = new EngineIndexes(jdbc, new DataSourceTransactionManager(database));
                    ready.countDown();
                    ready.await();
                    node.postProcessEngineBuild(null);
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            starts.shutdown();
        }

        assertThat(jdbc.sql("select indexdef from pg_indexes where tablename = 'act_ru_variable' and indexname = ?")
                .param(EngineIndexes.SUBSCRIBER_VARIABLE_INDEX).query(String.class).list())
                .singleElement().asString().contains("USING hash (text_)", "subscriberId");
        assertThat(jdbc.sql("select indisvalid from pg_index where indexrelid = to_regclass(?)")
                .param(EngineIndexes.SUBSCRIBER_VARIABLE_INDEX).query(Boolean.class).single()).isTrue();
        // A value longer than a btree takes is indexed too.
        jdbc.sql("insert into act_ru_variable values ('longer', 'subscriberId', repeat('y', 4000))").update();

        assertThat(jdbc.sql("select indexdef from pg_indexes where tablename = 'act_ru_event_subscr' and indexname = ?")
                .param(EngineIndexes.EVENT_SUBSCRIPTION_INDEX).query(String.class).list())
                .singleElement().asString().contains("(event_name_, tenant_id_)");

        new EngineIndexes(jdbc, new DataSourceTransactionManager(database)).postProcessEngineBuild(null);
        assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'act_ru_variable'").query(Long.class)
                .single()).as("the primary key and ours").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'act_ru_event_subscr'")
                .query(Long.class).single()).as("the primary key and ours").isEqualTo(2);
    }
}
