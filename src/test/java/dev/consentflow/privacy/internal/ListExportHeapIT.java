package dev.consentflow.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactExports;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A list export streams in bounded memory: the heap that is live halfway through an export (measured after a
 * full collection, in this JVM, which also runs the server) is not more than a fixed allowance above what was
 * live before it, whatever the number of contacts. The suite exports {@value #SUITE_ROWS} contacts; run with
 * {@code -Dconsentflow.exports.heap-rows=100000} for the hundred-thousand case (a buffering export would need
 * hundreds of megabytes there).
 */
@IntegrationTest
class ListExportHeapIT {

    private static final Logger log = LoggerFactory.getLogger(ListExportHeapIT.class);
    private static final int SUITE_ROWS = 5_000;
    private static final int BATCH = 500;
    /**
     * What an export may hold live halfway, after a first export warmed up what all of them share: a fetch of
     * rows, the workbook's window, buffers (measured: under 1 MB for CSV and XLSX, at 5,000 and at 100,000
     * contacts alike). Holding the rows would take about 1.5 KB each: 7 MB at 5,000 contacts, 150 MB at 100,000.
     */
    private static final long ALLOWANCE = 4L * 1024 * 1024;

    private static final int ROWS = Integer.getInteger("consentflow.exports.heap-rows", SUITE_ROWS);
    private static Seeded seeded;

    @LocalServerPort
    int port;

    @Autowired
    Subscribers subscribers;

    @Autowired
    MailingLists lists;

    @Autowired
    ContactExports exports;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper mapper;

    record Seeded(String adminKey, AccountId account, ListInfo list) {
    }

    @BeforeEach
    void seedOnce() {
        if (seeded != null) {
            return;
        }
        Api admin = TestAccounts.newAccount(Api.at(port));
        AccountId account = AccountId.of(TestAccounts.accountId(admin));
        String key = "big-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", key, "name", "Big list")).status()).isEqualTo(201);
        long started = System.nanoTime();
        for (int from = 0; from < ROWS; from += BATCH) {
            int first = from;
            transactions.executeWithoutResult(tx -> {
                for (int i = first; i < Math.min(first + BATCH, ROWS); i++) {
                    subscribers.subscribeConfirmed(account, new Signup("person" + i + "@example.dk", null,
                            Channel.EMAIL, key, Map.of("firstName", "Person " + i, "city", "=Aarhus"), Source.IMPORT,
                            new ConsentEvidence(Instant.parse("2026-11-29T10:00:00Z"), "203.0.113.7", "Mozilla/5.0",
                                    null, null, "I agree to the newsletter")));
                }
            });
        }
        log.info("Seeded {} contacts through the facade in {} s", ROWS, (System.nanoTime() - started) / 1_000_000_000);
        seeded = new Seeded(admin.key(), account,
                lists.findList(account, key).orElseThrow());
    }

    @Test
    void aCsvListExportThroughHttpStreamsEveryContactInBoundedHeap() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/lists/"
                        + seeded.list().key() + "/export?format=csv"))
                .header("Authorization", "Bearer " + seeded.adminKey()).GET().build();
        // A first export builds what every later one reuses (classes' caches, statement metadata, the client's
        // connection and buffers): not per row. One client for both, so its pool is part of "before".
        HttpClient client = HttpClient.newHttpClient();
        client.send(request, HttpResponse.BodyHandlers.discarding());
        long before = liveHeap();
        long halfway = Long.MAX_VALUE;
        long lines = 0;
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                if (isSamplePoint(lines)) {
                    halfway = Math.min(halfway, liveHeap());
                }
            }
        }

        assertThat(lines).isEqualTo(ROWS + 1L);
        long growth = halfway - before;
        log.info("CSV export of {} contacts through HTTP: live heap {} MB before, {} MB halfway (growth {} KB)",
                ROWS, before >> 20, halfway >> 20, growth >> 10);
        assertThat(growth).isLessThan(ALLOWANCE);
    }

    @Test
    void anXlsxListExportKeepsOnlyItsWindowOfRowsInMemory() throws IOException {
        var columns = ExportColumns.with(exports.fieldNames(seeded.account(), seeded.list()));
        exportXlsx(columns, () -> { });
        long before = liveHeap();
        long[] halfway = {Long.MAX_VALUE};
        long rows = exportXlsx(columns, () -> halfway[0] = Math.min(halfway[0], liveHeap()));

        assertThat(rows).isEqualTo(ROWS);
        long growth = halfway[0] - before;
        log.info("XLSX export of {} contacts: live heap {} MB before, {} MB halfway (growth {} KB)", ROWS,
                before >> 20, halfway[0] >> 20, growth >> 10);
        assertThat(growth).isLessThan(ALLOWANCE);
    }

    /** Streams the list into a workbook written to nowhere; runs {@code halfway} at each sample point. */
    private long exportXlsx(java.util.List<ExportColumns.Column> columns, Runnable halfway) throws IOException {
        long[] rows = {0};
        try (ExportTableWriter writer = ExportTableWriter.of(ExportFormat.XLSX, columns, mapper,
                OutputStream.nullOutputStream())) {
            exports.streamContacts(seeded.account(), seeded.list(), row -> {
                writer.row(row);
                if (isSamplePoint(++rows[0])) {
                    halfway.run();
                }
            });
            writer.finish();
        }
        return rows[0];
    }

    /**
     * The export is sampled at 40, 50 and 60 % of its rows and the smallest sample counts: the server's other
     * Spring contexts in this JVM (job executors, dispatch workers) hold a batch of their own live now and then,
     * which lifts one sample, never all three. A buffering export lifts all three.
     */
    private static boolean isSamplePoint(long row) {
        return row == ROWS * 2L / 5 || row == ROWS / 2 || row == ROWS * 3L / 5;
    }

    /** Live heap after full collections: the smallest of three readings, for the same reason as above. */
    private static long liveHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
