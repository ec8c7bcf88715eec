package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Recipient;
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
