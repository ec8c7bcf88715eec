package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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
 * {@link EngineIndexes} and {@link PartialEngineIndexes}, each on a database of its own in this JVM's embedded
 * cluster, as the application's role (no superuser), without Spring: nodes that start at once make each index once
 * and none fails; a start that finds them makes nothing. The engine's indexes of empty columns keep their names and
 * become partial, a lookup by value still uses them, an index the engine did not make is not made, and a start that
 * stopped half way is finished. Skipped when the tests run on {@code SPRING_DATASOURCE_URL}.
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
        DriverManagerDataSource database = newDatabase("indexes_it_");
        JdbcClient jdbc = JdbcClient.create(database);
        // The columns of the engine's table that the index and its query use.
        jdbc.sql("create table act_ru_variable (id_ varchar(64) primary key, name_ varchar(255) not null, "
                + "text_ varchar(4000))").update();
        jdbc.sql("insert into act_ru_variable select 'v' || g, case when g % 2 = 0 then 'subscriberId' else 'listId' "
                + "end, md5(g::text) from generate_series(1, 2000) g").update();
        jdbc.sql("insert into act_ru_variable values ('long', 'subscriberId', repeat('x', 4000))").update();
        jdbc.sql("create table act_ru_event_subscr (id_ varchar(64) primary key, event_type_ varchar(255) not null, "
                + "event_name_ varchar(255), tenant_id_ varchar(64), proc_inst_id_ varchar(64))").update();

        atOnce(4, () -> new EngineIndexes(jdbc, new DataSourceTransactionManager(database)).postProcessEngineBuild(null));

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
        assertThat(jdbc.sql("select indexdef from pg_indexes where tablename = 'act_ru_event_subscr' and indexname = ?")
                .param(EngineIndexes.EVENT_SUBSCRIPTION_INSTANCE_INDEX).query(String.class).list())
                .singleElement().asString().contains("(proc_inst_id_) WHERE (proc_inst_id_ IS NOT NULL)");

        new EngineIndexes(jdbc, new DataSourceTransactionManager(database)).postProcessEngineBuild(null);
        assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'act_ru_variable'").query(Long.class)
                .single()).as("the primary key and ours").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'act_ru_event_subscr'")
                .query(Long.class).single()).as("the primary key and our two").isEqualTo(3);
    }

    @Test
    void theEngineIndexesOfEmptyColumnsBecomePartialUnderTheirNames() throws Exception {
        DriverManagerDataSource database = newDatabase("partial_it_");
        JdbcClient jdbc = JdbcClient.create(database);
        // The engine's tables as far as the indexes go; act_ru_job and act_ru_execution are not there.
        jdbc.sql("create table act_ru_variable (id_ varchar(64) primary key, name_ varchar(255) not null, "
                + "type_ varchar(255) not null, task_id_ varchar(64), case_execution_id_ varchar(64), "
                + "case_inst_id_ varchar(64), batch_id_ varchar(64), bytearray_id_ varchar(64))").update();
        jdbc.sql("create index act_idx_variable_task_id on act_ru_variable (task_id_)").update();
        jdbc.sql("create index act_idx_variable_task_name_type on act_ru_variable (task_id_, name_, type_)").update();
        jdbc.sql("create index act_idx_var_case_exe on act_ru_variable (case_execution_id_)").update();
        jdbc.sql("create index act_idx_var_case_inst_id on act_ru_variable (case_inst_id_)").update();
        jdbc.sql("create index act_idx_var_bytearray on act_ru_variable (bytearray_id_)").update();
        // act_idx_batch_id as a start that stopped half way left it: ours built, the engine's dropped, not renamed.
        jdbc.sql("create index act_idx_batch_id_set on act_ru_variable (batch_id_) where batch_id_ is not null")
                .update();
        jdbc.sql("insert into act_ru_variable select 'v' || g, 'subscriberId', 'string', "
                + "case when g % 100 = 0 then 't' || g end, null, null, null, null from generate_series(1, 5000) g")
                .update();
        jdbc.sql("create table act_ru_event_subscr (id_ varchar(64) primary key, proc_inst_id_ varchar(64), "
                + "configuration_ varchar(255))").update();
        jdbc.sql("create index act_idx_event_subscr_config_ on act_ru_event_subscr (configuration_)").update();
        jdbc.sql("analyze act_ru_variable").update();

        atOnce(3, () -> new PartialEngineIndexes(database).postProcessEngineBuild(null));
        // A node that did not get the lock started without waiting; the next start finishes what is left.
        new PartialEngineIndexes(database).postProcessEngineBuild(null);

        assertThat(indexes(jdbc, "act_ru_variable")).containsExactlyInAnyOrder(
                "act_ru_variable_pkey: CREATE UNIQUE INDEX act_ru_variable_pkey ON public.act_ru_variable USING btree (id_)",
                "act_idx_variable_task_id: CREATE INDEX act_idx_variable_task_id ON public.act_ru_variable USING btree "
                        + "(task_id_) WHERE (task_id_ IS NOT NULL)",
                "act_idx_variable_task_name_type: CREATE INDEX act_idx_variable_task_name_type ON public.act_ru_variable "
                        + "USING btree (task_id_, name_, type_) WHERE (task_id_ IS NOT NULL)",
                "act_idx_var_case_exe: CREATE INDEX act_idx_var_case_exe ON public.act_ru_variable USING btree "
                        + "(case_execution_id_) WHERE (case_execution_id_ IS NOT NULL)",
                "act_idx_var_case_inst_id: CREATE INDEX act_idx_var_case_inst_id ON public.act_ru_variable USING btree "
                        + "(case_inst_id_) WHERE (case_inst_id_ IS NOT NULL)",
                "act_idx_batch_id: CREATE INDEX act_idx_batch_id ON public.act_ru_variable USING btree (batch_id_) "
                        + "WHERE (batch_id_ IS NOT NULL)",
                "act_idx_var_bytearray: CREATE INDEX act_idx_var_bytearray ON public.act_ru_variable USING btree "
                        + "(bytearray_id_) WHERE (bytearray_id_ IS NOT NULL)");
        assertThat(indexes(jdbc, "act_ru_event_subscr")).containsExactlyInAnyOrder(
                "act_ru_event_subscr_pkey: CREATE UNIQUE INDEX act_ru_event_subscr_pkey ON public.act_ru_event_subscr "
                        + "USING btree (id_)",
                "act_idx_event_subscr_config_: CREATE INDEX act_idx_event_subscr_config_ ON public.act_ru_event_subscr "
                        + "USING btree (configuration_) WHERE (configuration_ IS NOT NULL)");
        assertThat(jdbc.sql("select bool_and(indisvalid) from pg_index where indrelid = 'act_ru_variable'::regclass")
                .query(Boolean.class).single()).isTrue();

        // A lookup by value, as the engine's queries and the foreign keys' checks make it, with a generic plan.
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("set plan_cache_mode = force_generic_plan");
            s.execute("prepare by_task(text) as select id_ from act_ru_variable where task_id_ = $1");
            assertThat(plan(s, "explain execute by_task('t100')")).contains("act_idx_variable_task");
            s.execute("prepare fk_check(text) as select 1 from only act_ru_variable x "
                    + "where $1::text operator(pg_catalog.=) batch_id_::text for key share of x");
            assertThat(plan(s, "explain execute fk_check('b1')")).contains("Index Scan using act_idx_batch_id ");
        }

        List<String> before = jdbc.sql("select indexrelid::text from pg_index where indrelid = 'act_ru_variable'::regclass "
                + "order by 1").query(String.class).list();
        new PartialEngineIndexes(database).postProcessEngineBuild(null);
        assertThat(jdbc.sql("select indexrelid::text from pg_index where indrelid = 'act_ru_variable'::regclass "
                + "order by 1").query(String.class).list()).as("a later start rebuilds nothing").isEqualTo(before);
    }

    private static DriverManagerDataSource newDatabase(String prefix) {
        return new DriverManagerDataSource(
                cluster.jdbcUrl(prefix + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L)),
                EmbeddedPostgresCluster.ROLE, "");
    }

    /** Starts as many nodes as given at the same moment, each running the start, and waits for all. */
    private static void atOnce(int nodes, Runnable start) throws Exception {
        CountDownLatch ready = new CountDownLatch(nodes);
        ExecutorService starts = Executors.newFixedThreadPool(nodes);
        try {
            Future<?>[] done = new Future<?>[nodes];
            for (int i = 0; i < nodes; i++) {
                done[i] = starts.submit(() -> {
                    ready.countDown();
                    ready.await();
                    start.run();
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            starts.shutdown();
        }
    }

    private static String plan(Statement s, String explain) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery(explain)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static List<String> indexes(JdbcClient jdbc, String table) {
        return jdbc.sql("select indexname || ': ' || indexdef from pg_indexes where tablename = ?").param(table)
                .query(String.class).list();
    }
}
