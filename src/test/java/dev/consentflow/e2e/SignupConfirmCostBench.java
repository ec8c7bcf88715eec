package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.CountingDataSource;
import dev.consentflow.support.CountingDataSource.Key;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.PgStatistics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
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
 * Not a test: a measurement of what one signup and one confirmation cost, run by hand, never by the build:
 * {@code ./mvnw -B -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SignupConfirmCostBench}
 * ({@code -Dbench.n=500}; {@code -Dbench.clients=16} posts as {@code bench/run} does, 4 by default;
 * {@code -Dbench.look=true} also opens each link's page before the clicks and reports it as {@code look};
 * {@code -Dbench.statements=true} starts the embedded PostgreSQL with pg_stat_statements and adds PostgreSQL's view:
 * per statement calls, plans, times, blocks and WAL, the WAL as a whole, HOT updates and index scans). It posts N
 * signups to a form through HTTP, waits until every confirmation mail went out, then clicks the N links from the
 * real mails, and prints per operation what does not depend on the machine's
 * load: JDBC round trips, statements and commits (counted at the data source, by thread group and statement),
 * rows written per table (PostgreSQL's statistics), engine jobs, and CPU time of the server's threads and of the
 * database's backends. Throughput belongs to {@code bench/run}.
 */
@IntegrationTest
@Import(SignupConfirmCostBench.Counting.class)
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1",
        "consentflow.signup.rate-per-ip=100000000", "consentflow.signup.rate-per-address=100000000"})
class SignupConfirmCostBench {

    private static final int N = Integer.getInteger("bench.n", 400);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 100);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final String CLIENT_THREAD = "bench-client-";
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");

    /** How long each request of the last {@link #inParallel} took, sorted (nanoseconds). */
    private static long[] latencies = new long[0];

    static {
        if (STATEMENTS) {
            PgStatistics.preloadInThisJvm();
        }
    }

    @TestConfiguration
    static class Counting {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return CountingDataSource.postProcessor();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    PgStatistics pg;

    Api anonymous;
    String form;
    final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        anonymous = Api.at(port);
        pg = STATEMENTS ? PgStatistics.of(dataSource) : null;
        assertThat(pg != null || !STATEMENTS).as("pg_stat_statements loaded").isTrue();
        form = anonymous.as(Api.ADMIN_KEY).newSignupForm("bench", "Bench News");

        // Warm-up: the same journey, so class loading, JIT and caches do not count.
        List<String> warm = emails("warm", WARM_UP);
        signUp(warm);
        confirm(tokensOf(warm));

        List<String> people = emails("p", N);
        Snapshot beforeSignups = before();
        signUp(people);
        Snapshot afterSignups = Snapshot.take(jdbc, false);
        report("signup", beforeSignups, afterSignups);

        List<String> tokens = tokensOf(people);
        if (Boolean.getBoolean("bench.look")) {
            // The page a link shows before its click (-Dbench.look=true): what a visit to it costs.
            Snapshot beforeLooks = before();
            assertThat(inParallel(tokens.size(), i -> anonymous.get("/c/" + tokens.get(i)).status())).containsOnly(200);
            report("look", beforeLooks, Snapshot.take(jdbc, false));
        }
        Snapshot beforeConfirms = before();
        confirm(tokens);
        Snapshot afterConfirms = Snapshot.take(jdbc, false);
        report("confirm", beforeConfirms, afterConfirms);

        if (pg != null) {
            // Over the whole run, warm-up included: an index of a written table that nothing scanned is only written.
            line("== index scans over the whole run (pg_stat_user_indexes), indexes of the tables written ==");
            Map<String, long[]> written = pg.tableWrites();
            pg.indexScans().forEach((index, scans) -> {
                long[] w = written.get(index.substring(0, index.indexOf('.')));
                if (w != null && w[0] + w[1] + w[3] > 0) {
                    line("    %8d  %s   (table ins %d upd %d hot %d del %d)", scans, index, w[0], w[1], w[2], w[3]);
                }
            });
        }
        Path out = Path.of("target", "bench", "signup-confirm-cost.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** The counts before a phase; PostgreSQL's statement and WAL statistics emptied once the last phase's are flushed. */
    private Snapshot before() {
        Snapshot before = Snapshot.take(jdbc, true);
        if (pg != null) {
            pg.reset();
        }
        return before;
    }

    private List<String> emails(String prefix, int n) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            emails.add(prefix + i + "-" + run + "@bench.example.org");
        }
        return emails;
    }

    /** Posts the signups and waits until each one's confirmation mail has gone out and no job is left. */
    private void signUp(List<String> emails) throws Exception {
        long sentBefore = sent("CONFIRMATION");
        List<Integer> statuses = inParallel(emails.size(), i -> anonymous.postRaw("/f/" + form, "application/json",
                ("{\"email\":\"" + emails.get(i) + "\",\"firstName\":\"Anna\",\"consent\":true}")
                        .getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", "203.0.113." + (i % 200 + 1), "User-Agent", "SignupConfirmCostBench")).status());
        assertThat(statuses).containsOnly(202);
        settle("CONFIRMATION", sentBefore + emails.size());
    }

    private void confirm(List<String> tokens) throws Exception {
        long sentBefore = sent("WELCOME");
        List<Integer> statuses = inParallel(tokens.size(), i -> anonymous.postRaw("/c/" + tokens.get(i),
                "application/x-www-form-urlencoded", new byte[0], Map.of("X-Forwarded-For", "198.51.100.7")).status());
        assertThat(statuses).containsOnly(200);
        settle("WELCOME", sentBefore + tokens.size());
    }

    private void settle(String purpose, long sent) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> sent(purpose) >= sent
                && jdbc.sql("select count(*) from act_ru_job where type_ = 'message'").query(Long.class).single() == 0
                && jdbc.sql("select count(*) from consent_audit_pending").query(Long.class).single() == 0);
    }

    private long sent(String purpose) {
        return jdbc.sql("select count(*) from dispatch_outbox where purpose = :purpose and state = 'SENT'")
                .param("purpose", purpose).query(Long.class).single();
    }

    private List<String> tokensOf(List<String> emails) {
        JsonNode mailbox = anonymous.get("/dev/mailbox", Map.of("Accept", "application/json")).json();
        Map<String, String> byAddress = new HashMap<>();
        StreamSupport.stream(mailbox.spliterator(), false)
                .filter(m -> m.get("subject").asText().startsWith("Please confirm"))
                .forEach(m -> byAddress.put(m.get("to").toString().replaceAll("[\\[\\]\"]", "").toLowerCase(),
                        DevMailbox.confirmationPath(m).substring("/c/".length())));
        return emails.stream().map(e -> {
            String token = byAddress.get(e.toLowerCase());
            assertThat(token).as("the confirmation mail to " + e).isNotNull();
            return token;
        }).toList();
    }

    private static <T> List<T> inParallel(int n, IntFunction<T> call) throws Exception {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS,
                r -> new Thread(r, CLIENT_THREAD + threads.incrementAndGet()));
        try {
            List<Future<T>> calls = new ArrayList<>();
            long[] took = new long[n];
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    T result = call.apply(index);
                    took[index] = System.nanoTime() - start;
                    return result;
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : calls) {
                results.add(f.get());
            }
            Arrays.sort(took);
            latencies = took;
            return results;
        } finally {
            clients.shutdown();
        }
    }

    // ---- the report ----

    private void report(String operation, Snapshot before, Snapshot after) {
        Map<Key, Long> counts = CountingDataSource.since(before.counts, after.counts);
        double n = N;
        line("== %s: per operation, over %d operations ==", operation, N);
        Map<String, double[]> groups = new TreeMap<>();
        counts.forEach((key, count) -> {
            double[] g = groups.computeIfAbsent(key.group(), k -> new double[4]);
            switch (key.kind()) {
                case CountingDataSource.KIND_EXECUTE, CountingDataSource.KIND_BATCH -> g[0] += count;
                default -> {
                }
            }
            switch (key.kind()) {
                case CountingDataSource.KIND_EXECUTE, CountingDataSource.KIND_BATCHED -> g[1] += count;
                case CountingDataSource.KIND_COMMIT -> g[2] += count;
                case CountingDataSource.KIND_AUTOCOMMIT -> g[3] += count;
                default -> {
                }
            }
        });
        double[] total = new double[4];
        String own = Thread.currentThread().getName().replaceAll("[0-9]+", "");
        line("  (the bench's own thread, %s, polls while waiting: not counted in TOTAL)", own);
        groups.forEach((group, g) -> {
            line("  jdbc %-40s round trips %7.2f  statements %7.2f  commits %5.2f  autocommit statements %5.2f",
                    group, g[0] / n, g[1] / n, g[2] / n, g[3] / n);
            for (int i = 0; i < 4 && !group.equals(own); i++) {
                total[i] += g[i];
            }
        });
        line("  jdbc %-40s round trips %7.2f  statements %7.2f  commits %5.2f  autocommit statements %5.2f",
                "TOTAL", total[0] / n, total[1] / n, total[2] / n, total[3] / n);
        line("  statements (executed or batched), per operation, most first:");
        Map<String, Long> statements = new HashMap<>();
        counts.forEach((key, count) -> {
            if (!key.group().equals(own) && (key.kind().equals(CountingDataSource.KIND_EXECUTE)
                    || key.kind().equals(CountingDataSource.KIND_BATCHED))) {
                statements.merge(key.sql(), count, Long::sum);
            }
        });
        statements.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(60)
                .forEach(e -> line("    %6.2f  %s", e.getValue() / n, clip(e.getKey(), 170)));
        if (Boolean.getBoolean("bench.byThread")) {
            line("  statements by thread group (-Dbench.byThread=true), per operation, most first:");
            Map<String, Map<String, Long>> byGroup = new TreeMap<>();
            counts.forEach((key, count) -> {
                if (!key.group().equals(own) && !key.kind().equals(CountingDataSource.KIND_BATCH)) {
                    byGroup.computeIfAbsent(key.group(), g -> new HashMap<>())
                            .merge(key.kind() + " " + key.sql(), count, Long::sum);
                }
            });
            byGroup.forEach((group, byStatement) -> {
                line("   %s", group);
                byStatement.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .filter(e -> e.getValue() / n >= 0.05)
                        .forEach(e -> line("    %6.2f  %s", e.getValue() / n, clip(e.getKey(), 150)));
            });
        }
        line("  rows written, per operation (pg_stat_user_tables: inserted/updated/deleted):");
        Map<String, long[]> rows = new TreeMap<>();
        after.tables.forEach((table, a) -> {
            long[] b = before.tables.getOrDefault(table, new long[4]);
            long[] d = {a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]};
            if (d[0] != 0 || d[1] != 0 || d[2] != 0) {
                rows.put(table, d);
            }
        });
        long[] rowTotal = new long[3];
        rows.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, long[]> e) ->
                        -(e.getValue()[0] + e.getValue()[1] + e.getValue()[2])))
                .forEach(e -> {
                    line("    %-40s %6.2f %6.2f %6.2f", e.getKey(), e.getValue()[0] / n, e.getValue()[1] / n,
                            e.getValue()[2] / n);
                    for (int i = 0; i < 3; i++) {
                        rowTotal[i] += e.getValue()[i];
                    }
                });
        line("    %-40s %6.2f %6.2f %6.2f", "TOTAL", rowTotal[0] / n, rowTotal[1] / n, rowTotal[2] / n);
        line("    of which engine history (act_hi_*): %.2f rows written",
                rows.entrySet().stream().filter(e -> e.getKey().startsWith("act_hi_"))
                        .mapToLong(e -> e.getValue()[0] + e.getValue()[1] + e.getValue()[2]).sum() / n);
        if (pg != null) {
            pgReport(rows);
        }
        long[] jobs = rows.getOrDefault("act_ru_job", new long[3]);
        line("  engine jobs created per operation: %.2f", jobs[0] / n);
        line("  database transactions per operation (pg_stat_database): %.2f commits, %.2f rollbacks",
                (after.xactCommit - before.xactCommit) / n, (after.xactRollback - before.xactRollback) / n);
        Map<String, Long> cpu = new TreeMap<>();
        Map<String, Long> allocated = new TreeMap<>();
        after.threads.forEach((id, a) -> {
            long[] b = before.threads.get(id);
            String group = after.threadGroups.get(id);
            cpu.merge(group, a[0] - (b == null ? 0 : b[0]), Long::sum);
            allocated.merge(group, a[1] - (b == null ? 0 : b[1]), Long::sum);
        });
        long server = 0;
        long serverAllocated = 0;
        for (Map.Entry<String, Long> e : cpu.entrySet()) {
            if (e.getValue() / n >= 10_000) {
                line("  cpu %-40s %7.3f ms  allocated %8.1f KB", e.getKey(), e.getValue() / n / 1e6,
                        allocated.get(e.getKey()) / n / 1024);
            }
            if (!e.getKey().startsWith(CLIENT_THREAD) && !e.getKey().equals(own)) {
                server += e.getValue();
                serverAllocated += allocated.get(e.getKey());
            }
        }
        line("  cpu SERVER (all but the bench's threads)      %7.3f ms  allocated %8.1f KB", server / n / 1e6,
                serverAllocated / n / 1024);
        line("  cpu POSTGRESQL backends of this database       %7.3f ms   (whole cluster %.3f ms)",
                (after.pgBackendTicks - before.pgBackendTicks) * 10.0 / n,
                (after.pgClusterTicks - before.pgClusterTicks) * 10.0 / n);
        line("  wall %.1f s (meaningless on a loaded machine)", (after.nanos - before.nanos) / 1e9);
        if (latencies.length > 0) {
            line("  latency per request at %d clients: p50 %.1f ms, p95 %.1f ms (load-dependent, like wall)", CLIENTS,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) Math.ceil(latencies.length * 0.95) - 1] / 1e6);
        }
    }

    /**
     * PostgreSQL's view (-Dbench.statements=true): per table written its indexes, the entries its writes add to them
     * (an insert and an update that is not HOT add one to each index) and its HOT updates; per statement what it cost;
     * the WAL.
     */
    private void pgReport(Map<String, long[]> rows) {
        double n = N;
        Map<String, long[]> indexes = pg.indexCounts();
        line("  index maintenance, per operation: table, indexes (full + partial), updates and HOT ones, entries written"
                + " into the full indexes");
        rows.forEach((table, d) -> {
            long[] count = indexes.getOrDefault(table, new long[2]);
            line("    %-40s %2d+%d idx  upd %6.2f hot %6.2f  entries %6.2f", table, count[0], count[1], d[1] / n,
                    d[3] / n, (d[0] + d[1] - d[3]) * count[0] / n);
        });
        line("  pg_stat_statements, per operation, every thread and the bench's own polling (the costliest first):");
        pg.printStatements(n, 60, s -> line("    %s", s));
        pg.printWal(n, s -> line("  %s", s));
    }

    private void line(String format, Object... args) {
        report.append(String.format(format, args)).append('\n');
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    /** Everything counted at one moment; the table statistics after PostgreSQL has flushed its backends' counts. */
    private record Snapshot(long nanos, Map<Key, Long> counts, Map<Long, long[]> threads, Map<Long, String> threadGroups,
                            long pgBackendTicks, long pgClusterTicks, Map<String, long[]> tables, long xactCommit,
                            long xactRollback) {

        /**
         * Before a phase the statistics of the one before are flushed first; after it the counters are read at once
         * and the table statistics once flushed, so no idle wait counts for the phase.
         */
        static Snapshot take(JdbcClient jdbc, boolean beforePhase) {
            if (beforePhase) {
                awaitStatisticsFlushed();
            }
            Map<String, long[]> tables = beforePhase ? tables(jdbc) : null;
            long[] xacts = beforePhase ? xacts(jdbc) : null;
            long nanos = System.nanoTime();
            Map<Key, Long> counts = CountingDataSource.snapshot();
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Map<Long, long[]> threads = new HashMap<>();
            Map<Long, String> groups = new HashMap<>();
            for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info != null) {
                    long id = info.getThreadId();
                    threads.put(id, new long[] {mx.getThreadCpuTime(id), mx.getThreadAllocatedBytes(id)});
                    groups.put(id, info.getThreadName().startsWith(CLIENT_THREAD) ? CLIENT_THREAD
                            : info.getThreadName().replaceAll("[0-9]+", ""));
                }
            }
            List<Integer> backends = jdbc.sql("select pid from pg_stat_activity where datname = current_database()")
                    .query(Integer.class).list();
            long backendTicks = backends.stream().mapToLong(Snapshot::ticks).sum();
            int postmaster = parent(jdbc.sql("select pg_backend_pid()").query(Integer.class).single());
            long clusterTicks = ticks(postmaster) + children(postmaster).stream().mapToLong(Snapshot::ticks).sum();
            if (!beforePhase) {
                awaitStatisticsFlushed();
                tables = tables(jdbc);
                xacts = xacts(jdbc);
            }
            return new Snapshot(nanos, counts, threads, groups, backendTicks, clusterTicks, tables, xacts[0], xacts[1]);
        }

        /** PostgreSQL flushes a backend's table counts within about ten seconds of its last transaction. */
        private static void awaitStatisticsFlushed() {
            await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
        }

        private static Map<String, long[]> tables(JdbcClient jdbc) {
            return jdbc.sql("select relname, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd from pg_stat_user_tables")
                    .query((rs, i) -> Map.entry(rs.getString(1),
                            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        }

        private static long[] xacts(JdbcClient jdbc) {
            return jdbc.sql("select xact_commit, xact_rollback from pg_stat_database where datname = current_database()")
                    .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        }

        /** utime + stime of a process, in clock ticks (1/100 s). */
        private static long ticks(int pid) {
            String[] stat = stat(pid);
            return stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        }

        private static int parent(int pid) {
            String[] stat = stat(pid);
            return stat == null ? -1 : Integer.parseInt(stat[1]);
        }

        private static List<Integer> children(int parent) {
            try (var procs = Files.list(Path.of("/proc"))) {
                return procs.map(p -> p.getFileName().toString()).filter(s -> s.matches("[0-9]+"))
                        .map(Integer::valueOf).filter(pid -> parent(pid) == parent).toList();
            } catch (IOException e) {
                return List.of();
            }
        }

        /** The fields of /proc/pid/stat after the command's name: [0] is the state, [1] the parent, [11] utime. */
        private static String[] stat(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
