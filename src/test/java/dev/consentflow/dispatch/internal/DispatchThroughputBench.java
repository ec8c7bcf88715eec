package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.support.CostMeter;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=DispatchThroughputBench}), never by the build. Dispatch to the development GreenMail with 1 and 4
 * connections against a plain Jakarta Mail loop over the same number of reused connections, in the same run,
 * printed as one JSON line each. Speed belongs in bench/ (PERFORMANCE.md); this is its first cut.
 */
@IntegrationTest
@Import(TestRecipients.class)
class DispatchThroughputBench {

    static final int MESSAGES = 3_000;

    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRecipients recipients;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DispatchProperties properties;
    @Autowired
    Outbox outbox;
    @Autowired
    ContentSeal seal;
    @Autowired
    DispatchMetrics metrics;
    @Autowired
    SmtpRelay relay;
    @Autowired
    MailComposer composer;
    @Autowired
    ReturnPaths returnPaths;
    @Autowired
    OutboxWorker mainWorker;

    @Test
    void measure() throws Exception {
        mainWorker.stop();
        for (int round = 0; round < 2; round++) {
            for (int connections : new int[] {1, 4}) {
                double raw = plainLoop(connections);
                double app = throughDispatch(connections);
                System.out.printf("{\"bench\":\"dispatch-greenmail\",\"round\":%d,\"connections\":%d,\"n\":%d,"
                                + "\"app_per_s\":%.1f,\"raw_per_s\":%.1f,\"ratio\":%.3f}%n",
                        round, connections, MESSAGES, app, raw, app / raw);
            }
        }
    }

    /**
     * PostgreSQL's work per message ({@code -Dit.test=DispatchThroughputBench#databaseCosts}, {@code -Dbench.n} for
     * another size): a campaign's messages enqueued in pages ({@link Dispatch#enqueueAll}, as the enqueue job does)
     * and sent over 4 connections, each phase measured on its own after a warm-up: PostgreSQL's CPU, WAL, commits and
     * rows written per table (of which HOT) per message, dead rows and autovacuum runs of the outbox's tables, and,
     * when the server has pg_stat_statements (loaded at its start, the extension made in the database, a role that
     * may reset it), each statement's calls, plans, times, rows and WAL per message, nested ones (the outbox's
     * triggers) included; with pg_walinspect, the WAL's records by type (index entries, row locks, HOT updates).
     */
    @Test
    void databaseCosts() throws Exception {
        mainWorker.stop();
        int n = Integer.getInteger("bench.n", 10_000);
        send(enqueue(2_000), 2_000);
        CostMeter meter = new CostMeter(jdbc);
        StringBuilder out = new StringBuilder();
        boolean statements = resetStatements();
        CostMeter.Snapshot before = meter.snapshot();
        String batch = enqueue(n);
        settle();
        CostMeter.Snapshot enqueued = meter.snapshot();
        report(out, "enqueue", meter, before, enqueued, n, statements);
        statements = resetStatements();
        CostMeter.Snapshot start = meter.snapshot();
        send(batch, n);
        settle();
        CostMeter.Snapshot sent = meter.snapshot();
        report(out, "send", meter, start, sent, n, statements);
        jdbc.sql("""
                select relname, n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count,
                       pg_total_relation_size(relid) as bytes
                  from pg_stat_user_tables where relname like 'dispatch%' order by relname""").query(rs -> {
                      out.append(String.format("table %-28s live %8d dead %8d autovacuums %3d autoanalyzes %3d "
                                      + "size %,12d%n", rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                              rs.getLong(5), rs.getLong(6)));
                  });
        jdbc.sql("""
                select indexrelname, idx_scan, pg_relation_size(indexrelid) as bytes
                  from pg_stat_user_indexes where relname like 'dispatch%' order by relname, indexrelname""")
                .query(rs -> {
                    out.append(String.format("index %-44s scans %9d size %,12d%n", rs.getString(1), rs.getLong(2),
                            rs.getLong(3)));
                });
        meter.indexes("dispatch_outbox", "dispatch_outbox_content", "dispatch_delivery", "dispatch_batch_count",
                "dispatch_handed_hour").forEach(index -> out.append("  ").append(index).append('\n'));
        System.out.println(out);
    }

    /** Enqueues a batch of n campaign mails in pages of 1,000, each page one transaction; answers the batch. */
    private String enqueue(int n) {
        AccountId account = new AccountId(UUID.randomUUID());
        String batch = "bench-" + UUID.randomUUID();
        for (int from = 0; from < n; from += 1_000) {
            List<OutboundMessage> page = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 1_000); i++) {
                page.add(new OutboundMessage(account, recipients.add("cost" + i + "@example.org"), UUID.randomUUID(),
                        Channel.EMAIL, Purpose.CAMPAIGN, batch, new OutboundMessage.Content("Bench " + i,
                        "Hello,\r\nthis is the text.", "<p>Hello, this is <b>HTML</b>.</p>"),
                        "https://consentflow.test/u/" + UUID.randomUUID(), "news.acme.example"));
            }
            transactions.executeWithoutResult(status -> dispatch.enqueueAll(page));
        }
        return batch;
    }

    /** Sends the batch over 4 connections with a node of its own, until its ledger adds up. */
    private void send(String batch, int n) throws Exception {
        String node = "cost-" + UUID.randomUUID().toString().substring(0, 4);
        try (MailSender mail = new MailSender(relay, composer, returnPaths, 4, 1000)) {
            OutboxWorker worker = new OutboxWorker(node, properties, outbox,
                    new Courier(node, properties, outbox, seal, new RateLimiter(0), metrics),
                    List.of(mail, new DevSmsOutbox(1)), recipients, metrics);
            worker.start();
            try {
                assertThat(new OutboxTestSupport(dispatch, jdbc, null).assertLedgerAddsUp(batch, n).sent())
                        .isEqualTo(n);
            } finally {
                worker.stop();
            }
        }
    }

    private boolean resetStatements() {
        try {
            jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
            return true;
        } catch (RuntimeException none) {
            return false;
        }
    }

    /** The backends report their statistics when idle, at most once a second. */
    private void settle() throws InterruptedException {
        Thread.sleep(1_500);
        jdbc.sql("select pg_stat_force_next_flush()").query().listOfRows();
    }

    private void report(StringBuilder out, String phase, CostMeter meter, CostMeter.Snapshot from,
                        CostMeter.Snapshot to, int n, boolean statements) {
        out.append(String.format("{\"bench\":\"dispatch-db-cost\",\"phase\":\"%s\",\"n\":%d,"
                        + "\"pg_cpu_ms_per_msg\":%.3f,\"jvm_cpu_ms_per_msg\":%.3f,\"wal_bytes_per_msg\":%.0f,"
                        + "\"wal_records_per_msg\":%.2f,\"wal_fpi_per_msg\":%.3f,\"commits_per_msg\":%.3f}%n",
                phase, n, (to.pgCpuNanos() - from.pgCpuNanos()) / 1e6 / n,
                (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e6 / n, meter.walBytes(from, to) / (double) n,
                (to.walRecords() - from.walRecords()) / (double) n, (to.walFpi() - from.walFpi()) / (double) n,
                (to.commits() - from.commits()) / (double) n));
        CostMeter.rowsWritten(from, to).forEach((table, w) -> {
            if ((w[0] + w[1] + w[3]) * 100L >= n) {
                out.append(String.format("  rows %-36s ins %6.3f  upd %6.3f  hot %6.3f  del %6.3f%n", table,
                        w[0] / (double) n, w[1] / (double) n, w[2] / (double) n, w[3] / (double) n));
            }
        });
        try {
            // The WAL by record type (pg_walinspect, when the database has it): index entries, locks, HOT updates.
            jdbc.sql("""
                    select "resource_manager/record_type" as type, count, combined_size
                      from pg_get_wal_stats(cast(:from as pg_lsn), cast(:to as pg_lsn), true)
                     where count > 0 order by count desc""").param("from", from.walLsn()).param("to", to.walLsn())
                    .query(rs -> {
                        out.append(String.format("  wal %-28s %7.3f records %7.1f B%n", rs.getString("type"),
                                rs.getLong("count") / (double) n, rs.getLong("combined_size") / (double) n));
                    });
        } catch (RuntimeException none) {
            // no pg_walinspect
        }
        if (!statements) {
            return;
        }
        jdbc.sql("""
                select toplevel, calls, plans, rows, total_exec_time, total_plan_time, wal_records, wal_bytes,
                       regexp_replace(left(query, 150), '\\s+', ' ', 'g') as query
                  from pg_stat_statements
                 where dbid = (select oid from pg_database where datname = current_database())
                   and query not like '%pg_stat%'
                 order by total_exec_time + total_plan_time desc limit 30""").query(rs -> {
                     out.append(String.format("  stmt %s calls %7.3f plans %7.3f rows %7.3f exec %7.1f us plan %6.1f "
                                     + "us wal %5.2f rec %7.1f B  %s%n", rs.getBoolean("toplevel") ? "top " : "nest",
                             rs.getLong("calls") / (double) n, rs.getLong("plans") / (double) n,
                             rs.getLong("rows") / (double) n, rs.getDouble("total_exec_time") * 1000 / n,
                             rs.getDouble("total_plan_time") * 1000 / n, rs.getLong("wal_records") / (double) n,
                             rs.getDouble("wal_bytes") / n, rs.getString("query")));
                 });
    }

    private double plainLoop(int connections) throws Exception {
        Session session = relay.session();
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(composer.compose(session, UUID.randomUUID(), letter(i), "news.acme.example",
                    new Recipient("raw" + i + "@example.org")));
        }
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int slice = c;
            done.add(threads.submit(() -> {
                PhaseTrackingTransport transport = new PhaseTrackingTransport(session);
                transport.connect(relay.host(), relay.port(), null, null);
                for (int i = slice; i < MESSAGES; i += connections) {
                    MimeMessage message = messages.get(i);
                    transport.sendMessage(message, message.getRecipients(MimeMessage.RecipientType.TO));
                }
                transport.close();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        return MESSAGES / seconds;
    }

    private double throughDispatch(int connections) throws Exception {
        String node = "bench-" + connections + "-" + UUID.randomUUID().toString().substring(0, 4);
        try (MailSender mail = new MailSender(relay, composer, returnPaths, connections, 1000)) {
            OutboxWorker worker = new OutboxWorker(node, properties, outbox,
                    new Courier(node, properties, outbox, seal, new RateLimiter(0), metrics),
                    List.of(mail, new DevSmsOutbox(1)), recipients, metrics);
            OutboxTestSupport test = new OutboxTestSupport(dispatch, jdbc, new AccountId(UUID.randomUUID()));
            String batch = "bench-" + UUID.randomUUID();
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < MESSAGES; i++) {
                    test.mail(recipients.add("app" + i + "@example.org"), batch, "Bench " + i);
                }
            });
            long start = System.nanoTime();
            worker.start();
            try {
                assertThat(test.assertLedgerAddsUp(batch, MESSAGES).sent()).isEqualTo(MESSAGES);
            } finally {
                worker.stop();
            }
            return MESSAGES / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Letter letter(int i) {
        return new Letter("Bench " + i, "Hello,\r\nthis is the text.", "<p>Hello, this is <b>HTML</b>.</p>",
                "https://consentflow.test/u/" + UUID.randomUUID());
    }
}
