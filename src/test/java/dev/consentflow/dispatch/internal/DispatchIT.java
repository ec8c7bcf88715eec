package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.support.Api;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The normal path through the development relay (GreenMail as a real SMTP server on loopback), DKIM-signed:
 * headers, sealing, suppression, the dev SMS outbox, metrics, and two nodes sharing one outbox. Boot turns metrics
 * export off in tests unless asked, so this one asks: {@code /actuator/prometheus} is what operators scrape.
 */
@IntegrationTest
@AutoConfigureObservability(tracing = false)
@Import(TestRecipients.class)
class DispatchIT {

    static final KeyPair dkimKey = rsaKeyPair();

    @DynamicPropertySource
    static void dkimAndQuickPolls(DynamicPropertyRegistry registry) {
        registry.add("consentflow.dispatch.poll-interval", () -> "PT0.1S");
        registry.add("consentflow.dispatch.dkim.domain", () -> "consentflow.test");
        registry.add("consentflow.dispatch.dkim.selector", () -> "mail2026");
        registry.add("consentflow.dispatch.dkim.private-key",
                () -> Base64.getEncoder().encodeToString(dkimKey.getPrivate().getEncoded()));
    }

    @LocalServerPort
    int port;
    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRecipients recipients;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    GreenMail greenMail;

    OutboxTestSupport test;
    String batch;

    @BeforeEach
    void account() {
        test = new OutboxTestSupport(dispatch, jdbc, new AccountId(UUID.randomUUID()));
        batch = "it-" + UUID.randomUUID();
    }

    @Test
    void aListMailIsSentOnceWithItsHeadersAndLeavesNoContentBehind() throws Exception {
        String address = "anna." + UUID.randomUUID() + "@example.dk";
        String subject = "Nyhedsbrev for Anna – " + batch;
        UUID id = transactions.execute(status -> {
            UUID queued = test.mail(recipients.add(address), batch, subject);
            byte[] sealed = test.content(queued).orElseThrow();
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Hello", "consentflow.test/u/");
            return queued;
        });

        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT);
        MimeMessage mail = receivedWithSubject(subject).get(0);
        assertThat(mail.getMessageID()).isEqualTo("<" + id + "@localhost>");
        assertThat(mail.getHeader("From")[0]).contains("noreply@localhost");
        assertThat(mail.getHeader("To")[0]).isEqualTo(address);
        assertThat(mail.getHeader("List-Unsubscribe")[0]).matches("<https://consentflow\\.test/u/[0-9a-f-]{36}>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getHeader("List-Id")[0]).isEqualTo("<news.acme.example>");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");

        Map<String, Object> row = test.row(id);
        assertThat(test.content(id)).as("the sealed content is deleted once the message ended").isEmpty();
        assertThat(row.get("finished_at")).isNotNull();
        assertThat(row.toString()).doesNotContain(address, "Anna");
        test.assertLedgerAddsUp(batch, 1);
    }

    @Test
    void theDkimSignatureVerifiesOnTheReceivedMessageAndCoversTheListHeaders() throws Exception {
        String subject = "Signed " + batch;
        UUID id = test.mail(recipients.add("signed@example.org"), batch, subject);
        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT);
        byte[] raw = rawBytes(receivedWithSubject(subject).get(0));

        String publicKey = Base64.getEncoder().encodeToString(dkimKey.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) ->
                "mail2026".contentEquals(selector) && "consentflow.test".contentEquals(domain)
                        ? List.of("v=DKIM1; k=rsa; p=" + publicKey) : List.of());
        List<SignatureRecord> signatures = verifier.verify(new ByteArrayInputStream(raw));
        assertThat(signatures).hasSize(1);
        Set<String> signed = signatures.get(0).getHeaders().stream().map(h -> h.toString().toLowerCase())
                .collect(Collectors.toSet());
        assertThat(signed).contains("from", "to", "subject", "message-id", "list-unsubscribe", "list-unsubscribe-post",
                "list-id");

        byte[] tampered = new String(raw, StandardCharsets.ISO_8859_1).replace("Hello", "Howdy")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Arrays.equals(tampered, raw)).isFalse();
        assertThatThrownBy(() -> new DKIMVerifier((m, s, d) -> List.of("v=DKIM1; k=rsa; p=" + publicKey))
                .verify(new ByteArrayInputStream(tampered))).isInstanceOf(FailException.class);
    }

    @Test
    void nothingIsSentWhenTheCallersTransactionRollsBack() {
        UUID[] id = new UUID[1];
        transactions.executeWithoutResult(status -> {
            id[0] = test.mail(recipients.add("rolled.back@example.org"), batch, "Never " + batch);
            status.setRollbackOnly();
        });
        assertThat(dispatch.state(test.account(), id[0])).isEmpty();
        assertThat(dispatch.ledger(batch).audience()).isZero();
    }

    @Test
    void erasureSuppressesEverythingNotSentYet() {
        UUID subscriber = recipients.add("erased@example.org");
        UUID other = recipients.add("stays@example.org");
        List<UUID> ids = transactions.execute(status -> {
            List<UUID> queued = List.of(test.mail(subscriber, batch, "One"), test.mail(subscriber, batch, "Two"),
                    test.sms(subscriber, batch, "Three"), test.mail(other, batch, "Other"));
            assertThat(dispatch.suppressQueued(test.account(), subscriber)).isEqualTo(3);
            return queued;
        });

        assertThat(test.awaitFinal(ids.get(3))).isEqualTo(MessageState.SENT);
        assertThat(ids.subList(0, 3)).allSatisfy(id -> assertThat(test.state(id)).isEqualTo(MessageState.SUPPRESSED));
        Ledger ledger = test.assertLedgerAddsUp(batch, 4);
        assertThat(ledger.suppressed()).isEqualTo(3);
        assertThat(ledger.sent()).isEqualTo(1);
    }

    @Test
    void smsWithoutAGatewayGoToTheDevelopmentOutbox() {
        String text = "Confirm your signup: " + batch;
        UUID id = test.sms(recipients.add("+4512345678"), batch, text);

        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT);
        Api.Answer outbox = Api.at(port).get("/dev/sms");
        assertThat(outbox.status()).isEqualTo(200);
        assertThat(outbox.json().findValuesAsText("text")).contains(text);
        assertThat(outbox.json().findValuesAsText("to")).contains("+4512345678");
    }

    @Test
    void theOutboxIsVisibleOnThePrometheusEndpoint() {
        UUID id = test.mail(recipients.add("metrics@example.org"), batch, "Counted");
        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT);

        Api.Answer metrics = Api.at(port).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("consentflow_dispatch_queued", "consentflow_dispatch_oldest_queued_age_seconds",
                "consentflow_dispatch_sent_total{channel=\"EMAIL\"");
    }

    @Test
    void twoNodesOnOneDatabaseSendFiveThousandMessagesEachExactlyOnce(
            @Autowired DispatchProperties properties, @Autowired Outbox outbox, @Autowired ContentSeal seal,
            @Autowired DispatchMetrics metrics, @Autowired SmtpRelay relay, @Autowired MailComposer composer,
            @Autowired OutboxWorker nodeA, @Autowired ReturnPaths returnPaths) throws Exception {
        DispatchProperties bProperties = new DispatchProperties("node-b", properties.connectionsPerRelay(),
                properties.smsConnections(), properties.batchSize(), properties.pollInterval(), properties.lease(),
                properties.ratePerSecond(), properties.messagesPerConnection(), properties.retryDelays(), null,
                properties.smsConnectTimeout(), properties.smsRequestTimeout(), properties.dkim());
        int audience = 5_000;
        try (MailSender mail = new MailSender(relay, composer, returnPaths, properties.connectionsPerRelay(), 1000)) {
            OutboxWorker nodeB = new OutboxWorker("node-b", bProperties, outbox,
                    new Courier("node-b", bProperties, outbox, seal, new RateLimiter(0), metrics),
                    List.of(mail, new DevSmsOutbox(1)), recipients, metrics);
            nodeB.start();
            try {
                transactions.executeWithoutResult(status -> {
                    for (int i = 0; i < audience; i++) {
                        test.mail(recipients.add("reader" + i + "@example.org"), batch, "Campaign " + batch + " #" + i);
                    }
                });
                Ledger ledger = test.assertLedgerAddsUp(batch, audience);
                assertThat(ledger.sent()).isEqualTo(audience);
            } finally {
                nodeB.stop();
            }
        }
        List<MimeMessage> received = receivedWithSubject("Campaign " + batch);
        Set<String> distinct = received.stream().map(DispatchIT::messageId).collect(Collectors.toSet());
        assertThat(received).hasSize(audience);
        assertThat(distinct).hasSize(audience);
        Map<String, Long> byNode = jdbc.sql("select lease_owner, count(*) from dispatch_outbox where batch_id = :b "
                        + "group by lease_owner").param("b", batch)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byNode).containsKeys("node-b", nodeA.node());
    }

    private List<MimeMessage> receivedWithSubject(String subjectPart) {
        await().atMost(OutboxTestSupport.PATIENCE).until(() -> !withSubject(subjectPart).isEmpty());
        return withSubject(subjectPart);
    }

    private List<MimeMessage> withSubject(String subjectPart) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> subjectOf(m).contains(subjectPart))
                .toList();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rawBytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
