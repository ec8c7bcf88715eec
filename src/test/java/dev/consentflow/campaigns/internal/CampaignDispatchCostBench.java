package dev.consentflow.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import dev.consentflow.imports.Uploads;
import dev.consentflow.support.Api;
import dev.consentflow.support.CostMeter;
import dev.consentflow.support.StatementCounting;
import dev.consentflow.support.TestAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a measurement, run by hand and by name ({@code ./mvnw -B -o verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CampaignDispatchCostBench}, {@code -Dbench.n=} recipients,
 * 2,000 by default), never by the build. A campaign of the bench's dispatch scenario (personalised text and HTML,
 * List-Unsubscribe) to n imported, confirmed contacts, through the API and the real dispatch into the embedded
 * GreenMail, with the production page sizes and a durable PostgreSQL. From the send until the ledger is closed it
 * counts what does not depend on the machine's load, per message: JDBC statements (by SQL), commits, rows
 * written per table (HOT updates apart), WAL bytes and records, PostgreSQL's CPU and this JVM's CPU by thread
 * group. Printed, and written to {@code target/bench/campaign-dispatch-cost.txt}. Nothing is asserted about time.
 */
@IntegrationTest
@Import(StatementCounting.class)
@TestPropertySource(properties = {
        "consentflow.campaigns.page-size=500", "consentflow.campaigns.pages-per-job=20",
        "consentflow.campaigns.poll-interval=PT5S", "consentflow.imports.chunk-rows=1000",
        "consentflow.imports.max-bytes=64MB", "consentflow.imports.poll-interval=PT5S",
        "consentflow.embedded-postgres.durable=true"})
class CampaignDispatchCostBench {

    static final String HTML = """
            <!doctype html><html><body style="font-family:sans-serif">
            <h1>Hello {{firstName}},</h1>
            <p>Our November offer is here: <b>twenty per cent off</b> everything in the shop until Sunday, and free
            shipping on orders over 50 euros.</p>
            <p><a href="https://shop.example/november?utm_source=newsletter">Read more and shop</a></p>
            <p style="color:#777;font-size:small">You get this mail because you subscribed to our newsletter and
            confirmed it.</p>
            </body></html>
            """;
    static final String TEXT = """
            Hello {{firstName}},

            Our November offer is here: twenty per cent off everything in the shop until Sunday, and free
            shipping on orders over 50 euros. Read more and shop at https://shop.example/november?utm_source=newsletter

            You get this mail because you subscribed to our newsletter and confirmed it.
            """;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Dispatch dispatch;
    @Autowired
    CampaignRows campaigns;
    @Autowired
    CampaignLedgers ledgers;

    @Test
    void measure() throws IOException {
        int n = Integer.getInteger("bench.n", 2000);
        Api admin = TestAccounts.newAccount(Api.at(port));
        assertThat(admin.post("/api/lists", Map.of("key", "news", "name", "News", "brand", "bench")).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/templates", Map.of("key", "offer", "subject", "Hi {{firstName}}, our November "
                + "offer", "html", HTML, "text", TEXT)).status()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("email,firstName\r\n");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < n; i++) {
            csv.append("cost-").append(run).append('-').append(i).append("@bench.test,Person").append(i)
                    .append("\r\n");
        }
        String importId = Uploads.start(admin, "contacts.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "news", "CONFIRMED");
        JsonNode imported = await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                .until(() -> admin.get("/api/imports/" + importId).json(), s -> "DONE".equals(s.get("status").asText()));
        assertThat(imported.get("imported").asLong()).isEqualTo(n);
        JsonNode campaign = admin.post("/api/campaigns", Map.of("name", "Cost " + run, "list", "news",
                "template", "offer")).json();
        String id = campaign.get("id").asText();

        CostMeter meter = new CostMeter(jdbc);
        settle(); // the import's statistics reach PostgreSQL first
        CostMeter.Snapshot before = meter.snapshot();
        long syncsBefore = walSyncs();
        StatementCounting.start();
        WaitSampler waits = new WaitSampler(jdbc);
        long started = System.nanoTime();
        assertThat(admin.post("/api/campaigns/" + id + "/send", Map.of()).status()).isEqualTo(202);
        // Polled in this thread (its statements are not counted) and cheaply: a ledger count reads every row.
        await().atMost(Duration.ofMinutes(30)).pollInSameThread().pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.sql("""
                        select (select count(*) from campaigns_recipient where campaign_id = cast(:c as uuid)
                                   and message_id is not null) = :n
                           and not exists (select 1 from dispatch_outbox where batch_id = :c
                                            and state in ('QUEUED', 'SENDING', 'SOFT_FAIL'))""")
                        .param("c", id).param("n", n).query(Boolean.class).single());
        Ledger ledger = dispatch.ledger(id);
        long nanos = System.nanoTime() - started;
        waits.close();
        StatementCounting.stop();
        CostMeter.Snapshot atClose = meter.snapshot();
        settle(); // the backends' last statistics
        long syncs = walSyncs() - syncsBefore;
        CostMeter.Snapshot after = meter.snapshot();

        StringBuilder out = new StringBuilder();
        long wal = meter.walBytes(before, atClose);
        long statements = StatementCounting.total() - waits.statements();
        out.append(String.format("{\"bench\":\"campaign-dispatch-cost\",\"n\":%d,\"sent\":%d,\"seconds\":%.1f,"
                        + "\"statements_per_msg\":%.2f,\"commits_per_msg\":%.3f,\"xact_per_msg\":%.2f,"
                        + "\"wal_syncs_per_msg\":%.3f,\"wal_bytes_per_msg\":%.0f,\"wal_records_per_msg\":%.1f,"
                        + "\"wal_fpi_per_msg\":%.2f,"
                        + "\"pg_cpu_ms_per_msg\":%.3f,\"jvm_cpu_ms_per_msg\":%.3f}%n",
                n, ledger.sent(), nanos / 1e9, statements / (double) n, StatementCounting.commits() / (double) n,
                (atClose.commits() - before.commits()) / (double) n, syncs / (double) n, wal / (double) n,
                (atClose.walRecords() - before.walRecords()) / (double) n,
                (atClose.walFpi() - before.walFpi()) / (double) n,
                (atClose.pgCpuNanos() - before.pgCpuNanos()) / 1e6 / n,
                (atClose.jvmCpuNanos() - before.jvmCpuNanos()) / 1e6 / n));
        out.append("\nstatements per message (of ").append(statements).append("):\n");
        StatementCounting.statements().forEach((sql, count) -> {
            if (count * 1000L >= n && !sql.contains("wait_event_type")) {
                Long entries = StatementCounting.batchEntries().get(sql);
                out.append(String.format("  %7.3f %s%s%n", count / (double) n,
                        entries == null ? "" : "[batch entries " + String.format("%.2f", entries / (double) n)
                                + "/msg] ", sql));
            }
        });
        out.append(waits.report());
        out.append("\nrows written per message (inserted, updated, of which HOT, deleted), by table:\n");
        CostMeter.rowsWritten(before, after).forEach((table, w) -> {
            if ((w[0] + w[1] + w[3]) * 100L >= n && !table.startsWith("act_")) {
                out.append(String.format("  %-40s ins %6.3f  upd %6.3f  hot %6.3f  del %6.3f%n", table,
                        w[0] / (double) n, w[1] / (double) n, w[2] / (double) n, w[3] / (double) n));
            }
        });
        long engineRows = after.tables().entrySet().stream().filter(e -> e.getKey().startsWith("act_"))
                .mapToLong(e -> {
                    long[] was = before.tables().getOrDefault(e.getKey(), new long[4]);
                    return e.getValue()[0] - was[0] + e.getValue()[1] - was[1] + e.getValue()[3] - was[3];
                }).sum();
        out.append(String.format("  %-40s %6.3f%n", "engine tables (act_*), all writes", engineRows / (double) n));
        out.append("\nJVM CPU ms per message by thread group:\n");
        CostMeter.threadCpu(before, atClose).forEach((group, cpu) -> {
            if (cpu * 100L >= (atClose.jvmCpuNanos() - before.jvmCpuNanos())) {
                out.append(String.format("  %7.3f %s%n", cpu / 1e6 / n, group));
            }
        });
        // What one look at a sending campaign's live counts costs (GET /api/campaigns/{id} while it sends; the
        // bench's dispatch scenario looks four times a second): it reads the campaign's rows, so it grows with n.
        CampaignRows.Campaign sent = campaigns.find(dev.consentflow.accounts.AccountId.of(TestAccounts.accountId(admin)),
                UUID.fromString(id)).orElseThrow();
        int looks = 20;
        CostMeter.Snapshot beforeLooks = meter.snapshot();
        StatementCounting.start();
        Thread looker = new Thread(() -> {
            for (int i = 0; i < looks; i++) {
                ledgers.live(sent, "offer");
            }
        });
        looker.start();
        try {
            looker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatementCounting.stop();
        CostMeter.Snapshot afterLooks = meter.snapshot();
        out.append(String.format("%none look at the live counts of the %d-message campaign: %.1f statements, "
                        + "PostgreSQL CPU %.2f ms, JVM CPU %.2f ms%n", n, StatementCounting.total() / (double) looks,
                (afterLooks.pgCpuNanos() - beforeLooks.pgCpuNanos()) / 1e6 / looks,
                (afterLooks.jvmCpuNanos() - beforeLooks.jvmCpuNanos()) / 1e6 / looks));
        StatementCounting.statements().forEach((sql, count) -> out.append(String.format("  %5.1f %s%n",
                count / (double) looks, sql)));
        out.append("\nindexes written by these tables' rows:\n");
        meter.indexes("dispatch_outbox", "dispatch_delivery", "campaigns_recipient", "subscription_unsubscribe_token")
                .forEach(index -> out.append("  ").append(index).append('\n'));
        System.out.println(out);
        Path file = Path.of("target", "bench", "campaign-dispatch-cost.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    /**
     * The WAL flushes to disk so far (pg_stat_wal's wal_sync, the whole cluster): with synchronous commit, one per
     * commit that wrote WAL, less those that a concurrent commit's flush covered.
     */
    private long walSyncs() {
        return jdbc.sql("select wal_sync from pg_stat_wal").query(Long.class).single();
    }

    /** Backends report their table statistics at most once a second, idle ones within ten. */
    private static void settle() {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollDelay(Duration.ofSeconds(11)).until(() -> true);
    }
}
