package dev.consentflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.PgStatistics;
import dev.consentflow.support.TestAccounts;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ImportPerRowBench}, {@code -Dbench.rows=20000} for another size), never by the build. What one
 * imported row costs (issue 19, imports), in figures that do not depend on the machine's load: JDBC statements
 * and COPYs sent, transactions, rows written and WAL bytes in PostgreSQL, CPU of PostgreSQL's processes and of this
 * JVM, per row of a confirmed CSV import of new addresses through {@code POST /api/imports}, until its audit
 * entries are chained. Chunks of 1,000 rows, as the default; one JSON line. {@code -Dbench.statements=true} starts
 * the embedded PostgreSQL with pg_stat_statements and adds every statement's cost per row ({@link PgStatistics}).
 */
@IntegrationTest
@TestPropertySource(properties = "consentflow.imports.chunk-rows=1000")
@Import(ImportPerRowBench.Counting.class)
class ImportPerRowBench {

    static final AtomicLong STATEMENTS = new AtomicLong();
    static final AtomicLong COPIES = new AtomicLong();

    static {
        if (Boolean.getBoolean("bench.statements")) {
            PgStatistics.preloadInThisJvm();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void oneRowOfAConfirmedImport() throws Exception {
        int rows = Integer.getInteger("bench.rows", 20_000);
        Api admin = TestAccounts.newAccount(Api.at(port));
        UUID account = UUID.fromString(TestAccounts.accountId(admin));
        String list = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Bench")).status()).isEqualTo(201);
        importRows(admin, account, list, 3_000, "warm");

        Map<String, Long> before = snapshot();
        PgStatistics statements = resetStatementStatistics();
        Map<String, Long> threadsBefore = threadCpu();
        Map<String, Long> allocatedBefore = threadAllocated();
        long started = System.nanoTime();
        importRows(admin, account, list, rows, "measured");
        long elapsed = System.nanoTime() - started;
        Map<String, Long> after = snapshot();
        Map<String, Long> threadsAfter = threadCpu();
        Map<String, Long> allocatedAfter = threadAllocated();

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "import-per-row");
        line.put("rows", rows);
        line.put("threads", Runtime.getRuntime().availableProcessors());
        // Wall time from the upload until every audit entry is chained: depends on the machine's load, unlike the rest.
        line.put("rows_per_s", Math.round(rows / (elapsed / 1e9)));
        after.forEach((key, value) -> line.put(key + "_per_row",
                Math.round((value - before.getOrDefault(key, 0L)) * 1000.0 / rows) / 1000.0));
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(line));
        threadsAfter.forEach((name, cpu) -> {
            long spent = cpu - threadsBefore.getOrDefault(name, 0L);
            if (spent * 1000 / rows > 500) {
                System.out.printf("thread-cpu-ns-per-row %,10d  %s%n", spent / rows, name);
            }
        });
        allocatedAfter.forEach((name, bytes) -> {
            long spent = bytes - allocatedBefore.getOrDefault(name, 0L);
            if (spent / rows > 100) {
                System.out.printf("thread-alloc-bytes-per-row %,10d  %s%n", spent / rows, name);
            }
        });
        if (statements != null) {
            statements.printStatements(rows, 40, System.out::println);
        }
    }

    /**
     * Empties pg_stat_statements when the server has it (-Dbench.statements=true, or a server on
     * {@code SPRING_DATASOURCE_URL} started with it); null without it.
     */
    private PgStatistics resetStatementStatistics() {
        PgStatistics statements = PgStatistics.of(dataSource);
        if (statements != null) {
            statements.reset();
            // Every page's first change after a checkpoint writes the whole page to the WAL (full_page_writes):
            // from a checkpoint on, the WAL shows how many pages the import touches, as a long import does.
            statements.checkpoint();
        }
        return statements;
    }

    /** CPU nanoseconds of this JVM's live threads, by name without digits (a pool's threads together). */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    out.merge(info.getThreadName().replaceAll("\\d+", "#"), cpu, Long::sum);
                }
            }
        }
        return out;
    }

    /**
     * Bytes allocated by this JVM's live threads, by name without digits: garbage the collector's threads (whose CPU
     * {@link #threadCpu} does not list) pay for.
     */
    private static Map<String, Long> threadAllocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<String, Long> out = new java.util.TreeMap<>();
        java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && bytes[i] > 0) {
                out.merge(infos[i].getThreadName().replaceAll("\\d+", "#"), bytes[i], Long::sum);
            }
        }
        return out;
    }

    private void importRows(Api admin, UUID account, String list, int rows, String tag) {
        StringBuilder csv = new StringBuilder(rows * 48).append("email,firstName\n");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < rows; i++) {
            csv.append(tag).append('-').append(run).append('-').append(i).append("@bench.test,Anna").append(i).append('\n');
        }
        String id = Uploads.start(admin, "bench.csv", csv.toString().getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
        JsonNode done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/imports/" + id).json(), s -> "DONE".equals(s.get("status").asText())
                        || "FAILED".equals(s.get("status").asText()));
        assertThat(done.get("imported").asLong()).isEqualTo(rows);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "select count(*) from consent_audit_pending where account_id = ?").param(account)
                .query(Long.class).single() == 0);
    }

    /** Counters that only grow; PostgreSQL's statistics flushed first (each backend flushes when idle). */
    private Map<String, Long> snapshot() throws Exception {
        await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
        jdbc.sql("select pg_stat_force_next_flush()").query().singleValue();
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("jdbc_statements", STATEMENTS.get());
        out.put("copies", COPIES.get());
        jdbc.sql("""
                select xact_commit, tup_inserted + tup_updated + tup_deleted as tup_written,
                       pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint as wal
                  from pg_stat_database where datname = current_database()""").query(rs -> {
                      out.put("transactions", rs.getLong("xact_commit"));
                      out.put("tuples_written", rs.getLong("tup_written"));
                      out.put("wal_bytes", rs.getLong("wal"));
                  });
        out.putAll(postgresCpuMicros());
        out.put("jvm_cpu_us", ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1000);
        return out;
    }

    /**
     * CPU time of the PostgreSQL server, from /proc: its postmaster and every process it started, the live ones by
     * kind (the connections' backends, autovacuum, the WAL writer, ...) and the ones that ended already (their CPU
     * is the postmaster's children's time: autovacuum workers, backends of closed connections).
     */
    private Map<String, Long> postgresCpuMicros() throws Exception {
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        long postmaster = Long.parseLong(stat(backend)[3]);
        Map<String, Long> ticks = new LinkedHashMap<>();
        String[] own = stat(postmaster);
        ticks.put("postgres_cpu_us", Long.parseLong(own[13]) + Long.parseLong(own[14])
                + Long.parseLong(own[15]) + Long.parseLong(own[16]));
        ticks.put("postgres_ended_children_cpu_us", Long.parseLong(own[15]) + Long.parseLong(own[16]));
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] stat;
                String kind;
                try {
                    stat = stat(Long.parseLong(p.getFileName().toString()));
                    kind = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                } catch (java.io.IOException gone) {
                    continue;
                }
                if (Long.parseLong(stat[3]) == postmaster) {
                    long cpu = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                    ticks.merge("postgres_cpu_us", cpu, Long::sum);
                    ticks.merge("postgres_" + kind(kind) + "_cpu_us", cpu, Long::sum);
                }
            }
        }
        ticks.replaceAll((k, v) -> v * 10_000);
        return ticks;
    }

    /** A PostgreSQL process's kind from its title: "postgres: autovacuum worker", "postgres: user db host idle". */
    private static String kind(String title) {
        for (String kind : new String[] {"autovacuum", "walwriter", "checkpointer", "background writer",
                "logical replication", "stats"}) {
            if (title.contains(kind)) {
                return kind.replace(' ', '_');
            }
        }
        return title.startsWith("postgres: ") ? "backends" : "other";
    }

    /** /proc/pid/stat's fields, the command (in parentheses, may hold spaces) as one. */
    private static String[] stat(long pid) throws java.io.IOException {
        String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
        int close = text.lastIndexOf(')');
        String[] rest = text.substring(close + 2).split(" ");
        String[] fields = new String[rest.length + 2];
        fields[0] = text.substring(0, text.indexOf(' '));
        fields[1] = text.substring(text.indexOf('(') + 1, close);
        System.arraycopy(rest, 0, fields, 2, rest.length);
        return fields;
    }

    /** Counts the statements and COPYs the server sends through its pool. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && "dataSource".equals(name)) {
                        return proxy(DataSource.class, dataSource, (target, method, args) -> {
                            Object result = invoke(target, method, args);
                            return result instanceof Connection c ? proxy(Connection.class, c, Counting::connection)
                                    : result;
                        });
                    }
                    return bean;
                }
            };
        }

        private static Object connection(Object target, java.lang.reflect.Method method, Object[] args)
                throws Throwable {
            if (method.getName().equals("unwrap") && args[0] == org.postgresql.PGConnection.class) {
                COPIES.incrementAndGet();
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement s && !method.getName().equals("unwrap")) {
                Class<? extends Statement> type = s instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                        : s instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
                return proxy(type, s, (t, m, a) -> {
                    if (m.getName().startsWith("execute")) {
                        STATEMENTS.incrementAndGet();
                    }
                    return invoke(t, m, a);
                });
            }
            return result;
        }

        interface Handler {
            Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, Object target, Handler handler) {
            InvocationHandler h = (p, m, a) -> handler.handle(target, m, a);
            return (T) Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] {type}, h);
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
