package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.MessageState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits per receiving domain group, held in PostgreSQL: two nodes together keep a group's concurrency and rate,
 * and a provider's "slow down" (421) holds back that provider's group only. The relay is the scripted SMTP server
 * (it can be slow and answer 421 per recipient); the second node is a second worker with limits of its own on the
 * same database, as a second server would be.
 */
@IntegrationTest
@Import(TestRecipients.class)
class DomainLimitsIT {

    static final int GMAIL_AT_ONCE = 2;
    static final int GMAIL_PER_SECOND = 8;
    static final ScriptedSmtpServer relay;

    static {
        try {
            relay = ScriptedSmtpServer.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void relayAndLimits(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", relay::port);
        registry.add("consentflow.dispatch.poll-interval", () -> "PT0.1S");
        registry.add("consentflow.dispatch.connections-per-relay", () -> "4");
        registry.add("consentflow.dispatch.retry-delays", () -> "PT0.3S,PT0.3S,PT0.5S,PT1S,PT1S");
        registry.add("consentflow.dispatch.domains.groups.gmail.concurrency", () -> GMAIL_AT_ONCE);
        registry.add("consentflow.dispatch.domains.groups.gmail.rate-per-second", () -> GMAIL_PER_SECOND);
        registry.add("consentflow.dispatch.domains.backoff", () -> "PT20S");
    }

    @AfterAll
    static void stopRelay() throws IOException {
        relay.close();
    }

    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRecipients recipients;
    @Autowired
    TransactionTemplate transactions;

    OutboxTestSupport test;
    String batch;

    @BeforeEach
    void account() {
        test = new OutboxTestSupport(dispatch, jdbc, new AccountId(UUID.randomUUID()));
        batch = "domains-" + UUID.randomUUID();
    }

    @Test
    void twoNodesTogetherKeepTheGmailGroupsConcurrencyAndRate(
            @Autowired DispatchProperties properties, @Autowired Outbox outbox, @Autowired ContentSeal seal,
            @Autowired DispatchMetrics metrics, @Autowired SmtpRelay smtp, @Autowired MailComposer composer,
            @Autowired DomainLimitSettings settings, @Autowired OutboxWorker nodeA,
            @Autowired ReturnPaths returnPaths) {
        int audience = 40;
        try (MailSender mail = new MailSender(smtp, composer, returnPaths, 4, 1000)) {
            OutboxWorker nodeB = new OutboxWorker("node-b", properties, outbox,
                    new Courier("node-b", properties, outbox, seal, new RateLimiter(0), metrics,
                            new DomainLimits(jdbc, settings)),
                    List.of(mail, new DevSmsOutbox(1)), recipients, metrics);
            nodeB.start();
            try {
                transactions.executeWithoutResult(status -> {
                    for (int i = 0; i < audience; i++) {
                        test.mail(recipients.add("slow-" + i + "-" + batch + "@gmail.com"), batch, "Limited " + i);
                    }
                });
                assertThat(test.assertLedgerAddsUp(batch, audience).sent()).isEqualTo(audience);
            } finally {
                nodeB.stop();
            }
        }
        Map<String, Long> byNode = jdbc.sql("select lease_owner, count(*) from dispatch_outbox where batch_id = :b "
                        + "group by lease_owner").param("b", batch)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byNode).as("both nodes sent").containsKeys("node-b", nodeA.node());
        assertThat(relay.mostOpenAtOnce("gmail.com")).as("8 connections over two nodes, 2 sends at once")
                .isBetween(1, GMAIL_AT_ONCE);
        // Starts are 1/rate apart; what the relay sees may bunch up by the sends' own jitter, never by more.
        List<Long> times = relay.rcptTimes("gmail.com");
        int window = GMAIL_PER_SECOND + GMAIL_AT_ONCE;
        for (int i = 0; i + window < times.size(); i++) {
            assertThat(Duration.ofNanos(times.get(i + window) - times.get(i)))
                    .as("%d transactions within a second", window + 1).isGreaterThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSlowDownFromYahooHoldsBackYahooOnlyWhileGmailAndTheRestKeepSending() {
        UUID throttled = test.mail(recipients.add("slowdown-" + batch + "@yahoo.com"), batch, "Too much");
        await(() -> test.attempts(throttled) == 1 && test.state(throttled) != MessageState.SENDING);
        Instant backedOffUntil = backoffUntil("yahoo");
        assertThat(backedOffUntil).isAfter(Instant.now());
        assertThat(backoffUntil("gmail")).isBefore(Instant.now());

        List<String> yahoo = new ArrayList<>();
        List<UUID> held = new ArrayList<>();
        List<UUID> flowing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String address = "ok-" + i + "-" + batch + "@ymail.com";
            yahoo.add(address);
            held.add(test.mail(recipients.add(address), batch, "Held " + i));
            flowing.add(test.mail(recipients.add("ok-" + i + "-" + batch + "@gmail.com"), batch, "Flowing " + i));
            flowing.add(test.mail(recipients.add("ok-" + i + "-" + batch + "@example.org"), batch, "Other " + i));
        }

        flowing.forEach(id -> assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT));
        if (Instant.now().isBefore(backedOffUntil)) {
            assertThat(yahoo).allSatisfy(address -> assertThat(relay.rcptAttempts(address)).isZero());
            assertThat(held).allSatisfy(id -> assertThat(test.state(id).isFinal()).isFalse());
        }
        held.forEach(id -> assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT));
        assertThat(test.awaitFinal(throttled)).isEqualTo(MessageState.SENT);
        assertThat(held).allSatisfy(id -> assertThat(test.attempts(id)).as("held back is no attempt").isEqualTo(1));
        assertThat(relay.rcptTimes("ymail.com")).allSatisfy(nanos -> assertThat(nanos).isPositive());
        test.assertLedgerAddsUp(batch, 10);
    }

    private Instant backoffUntil(String group) {
        return jdbc.sql("select case when backoff_until = '-infinity' then now() - interval '1 day' else backoff_until"
                        + " end from dispatch_domain_group where name = :g").param("g", group)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(OutboxTestSupport.PATIENCE).until(condition);
    }
}
