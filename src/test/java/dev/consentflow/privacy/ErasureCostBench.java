package dev.consentflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.StatementCount;
import dev.consentflow.support.TestAccounts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ErasureCostBench}), never by the build. What one erasure through {@code POST /api/contacts/{id}/erase}
 * costs, independent of the machine's load: JDBC statements, round trips and transactions by the kind of thread
 * (the request, the engine's jobs, the audit chainer), engine jobs, and CPU time of the server's JVM and of
 * PostgreSQL. Printed as one JSON line and the most frequent statements per erasure.
 */
@IntegrationTest
@Import(StatementCount.class)
class ErasureCostBench {

    private static final int PERSONS = Integer.getInteger("bench.erasures", 300);
    private static final int CLIENTS = 4;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatementCount count;

    @Value("${consentflow.data-dir}")
    Path dataDir;

    @Test
    void measure() throws Exception {
        Api admin = Api.at(port).as(Api.ADMIN_KEY);
        Api compliance = TestAccounts.newKey(admin, "COMPLIANCE");
        String list = "cost-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Erasure cost")).status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PERSONS + 20; i++) {
            Answer answer = admin.post("/api/subscriptions", Map.of("email", "cost-" + UUID.randomUUID() + "@example.dk",
                    "list", list, "fields", Map.of("firstName", "Anna"), "confirmed", true, "ip", "203.0.113.7",
                    "at", "2025-11-29T10:00:00Z"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            ids.add(answer.json().get("subscriberId").asText());
        }
        // A warm-up of 20 erasures, so the measured ones run on compiled code and filled caches.
        erase(compliance, ids.subList(0, 20));
        awaitQuiet();
        List<String> measured = ids.subList(20, ids.size());

        count.reset();
        long jvmCpu = jvmCpuNanos();
        long pgCpu = postgresCpuTicks();
        long jobsBefore = jobsCreated();
        long start = System.nanoTime();
        erase(compliance, measured);
        awaitQuiet();
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmMs = (jvmCpuNanos() - jvmCpu) / 1e6 / PERSONS;
        double pgMs = (postgresCpuTicks() - pgCpu) * 10.0 / PERSONS;
        long jobs = jobsCreated() - jobsBefore;

        StringBuilder line = new StringBuilder("{\"bench\":\"erasure-cost\",\"n\":").append(PERSONS)
                .append(String.format(",\"wall_s\":%.1f,\"jvm_cpu_ms_per_erasure\":%.2f,\"pg_cpu_ms_per_erasure\":%.2f",
                        seconds, jvmMs, pgMs))
                .append(String.format(",\"jobs_per_erasure\":%.2f", (double) jobs / PERSONS));
        long statements = 0;
        long trips = 0;
        long transactions = 0;
        for (var kind : count.totals().entrySet()) {
            var t = kind.getValue();
            line.append(String.format(",\"%s\":{\"statements\":%.2f,\"round_trips\":%.2f,\"transactions\":%.2f}",
                    kind.getKey(), (double) t.statements() / PERSONS, (double) t.roundTrips() / PERSONS,
                    (double) t.transactions() / PERSONS));
            statements += t.statements();
            trips += t.roundTrips();
            transactions += t.transactions();
        }
        line.append(String.format(",\"statements_per_erasure\":%.2f,\"round_trips_per_erasure\":%.2f"
                        + ",\"transactions_per_erasure\":%.2f}", (double) statements / PERSONS, (double) trips / PERSONS,
                (double) transactions / PERSONS));
        System.out.println(line);
        count.statements(80).forEach((sql, n) -> System.out.printf("  %6.2f  %s%n", (double) n / PERSONS, sql));
    }

    private void erase(Api compliance, List<String> ids) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, r -> new Thread(r, "bench-client"));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                        Answer answer = compliance.post("/api/contacts/" + ids.get(i) + "/erase", Map.of("reason", "bench"));
                        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    /** Every erasure request ended, no job left, every audit entry chained. */
    private void awaitQuiet() {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.sql("select count(*) from privacy_erasure_request where status <> 'ERASED'").query(Long.class).single() == 0
                        && jdbc.sql("select count(*) from act_ru_job where process_def_key_ = 'gdpr-erasure'").query(Long.class).single() == 0
                        && jdbc.sql("select count(*) from consent_audit_pending").query(Long.class).single() == 0);
    }

    /**
     * Jobs created: the platform's processes keep no job log of created jobs (PlatformHistoryLevel), so the job
     * inserts are counted as they reach the database.
     */
    private long jobsCreated() {
        return count.statements(Integer.MAX_VALUE).entrySet().stream()
                .filter(e -> e.getKey().contains("insert into ACT_RU_JOB "))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User and system clock ticks (1/100 s) of the embedded PostgreSQL's postmaster and its children. */
    private long postgresCpuTicks() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return 0;
        }
        String postmaster = Files.readAllLines(pidFile).get(0).strip();
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (f[1].equals(postmaster) || p.getFileName().toString().equals(postmaster)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        }
        return ticks;
    }
}
