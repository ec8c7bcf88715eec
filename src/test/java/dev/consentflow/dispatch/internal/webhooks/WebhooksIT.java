package dev.consentflow.dispatch.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each provider's webhook, signed as the provider signs: a good signature reaches the subscription (a hard bounce
 * BOUNCED, a complaint UNSUBSCRIBED) once however often it is posted; a bad, missing or replayed one answers 401
 * and changes nothing. SNS's certificates come from {@link TestSns} (the host rule stays the production one).
 */
@IntegrationTest
@Import(TestSns.class)
class WebhooksIT {

    static final KeyPair sendgridKey = ecKeyPair();
    static final String MAILGUN_KEY = "key-" + UUID.randomUUID();
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:consentflow-ses";
    static final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("consentflow.webhooks.ses.topic-arns", () -> TOPIC);
        registry.add("consentflow.webhooks.sendgrid.public-key",
                () -> Base64.getEncoder().encodeToString(sendgridKey.getPublic().getEncoded()));
        registry.add("consentflow.webhooks.postmark.username", () -> "postmark");
        registry.add("consentflow.webhooks.postmark.password", () -> "s3cret-hook");
        registry.add("consentflow.webhooks.mailgun.signing-key", () -> MAILGUN_KEY);
    }

    @LocalServerPort
    int port;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    Subscribers subscribers;
    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestSns sns;
    @Autowired
    AuditTrail trail;

    Api web;
    AccountId account;

    @BeforeEach
    void anAccountWithAList() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        account = AccountId.of(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        admin.post("/api/lists", Map.of("key", "offers", "name", "Offers"));
        web = Api.at(port);
    }

    // Amazon SES through SNS

    @Test
    void anSesHardBounceSignedWithVersionOneBouncesTheSubscriptionOnce() throws Exception {
        Sent sent = sentMail();
        Map<String, String> notification = sns.notification(TOPIC, sesEvent("Bounce", sent, "Permanent"), "1");

        Api.Answer first = post("ses", notification, Map.of());
        Api.Answer again = post("ses", notification, Map.of());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("recorded").asInt()).isZero();
        assertThat(status(sent)).isEqualTo(SubscriptionStatus.BOUNCED);
        assertThat(feedback(sent)).containsExactly("ses:HARD_BOUNCE");
        assertThat(audited(sent, "BOUNCED")).isEqualTo(1);
        assertThat(sns.fetched()).as("the certificate is fetched once, then cached")
                .filteredOn(TestSns.CERTIFICATE::equals).hasSize(1);
    }

    @Test
    void anSesComplaintSignedWithVersionTwoUnsubscribesThePersonFromTheBrand() throws Exception {
        Sent sent = sentMail();
        SubscriptionRef other = subscribers.subscribeConfirmed(account,
                signup(sent.address(), "offers"));

        Api.Answer answer = post("ses", sns.notification(TOPIC, sesEvent("Complaint", sent, null), "2"), Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(status(sent)).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
        assertThat(subscriptions.subscription(account, other.subscriptionId()).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
    }

    @Test
    void anSnsMessageWithABadSignatureAnotherCertificateHostOrAnotherTopicIsRefusedAndChangesNothing()
            throws Exception {
        Sent sent = sentMail();
        String event = sesEvent("Bounce", sent, "Permanent");

        Map<String, String> tampered = sns.notification(TOPIC, event, "2");
        tampered.put("Message", event.replace("Permanent", "Permanent "));
        Map<String, String> foreignHost = sns.notification(TOPIC, event, "2");
        foreignHost.put("SigningCertURL", "https://sns.eu-west-1.amazonaws.com.evil.test/cert.pem");
        Map<String, String> plainHttp = sns.notification(TOPIC, event, "2");
        plainHttp.put("SigningCertURL", plainHttp.get("SigningCertURL").replace("https:", "http:"));
        Map<String, String> otherTopic = sns.notification("arn:aws:sns:eu-west-1:999999999999:theirs", event, "2");
        Map<String, String> unsigned = sns.notification(TOPIC, event, "2");
        unsigned.remove("Signature");

        for (Map<String, String> post : List.of(tampered, foreignHost, plainHttp, otherTopic, unsigned)) {
            Api.Answer answer = post("ses", post, Map.of());
            assertThat(answer.status()).as(post.toString()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(sns.fetched()).noneMatch(uri -> !uri.getHost().equals("sns.eu-west-1.amazonaws.com"));
        assertThat(status(sent)).isEqualTo(SubscriptionStatus.CONFIRMED);
        assertThat(feedback(sent)).isEmpty();
    }

    @Test
    void aSubscriptionConfirmationOfTheConfiguredTopicIsConfirmedAndOfAnotherIsNot() throws Exception {
        URI ours = URI.create("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=" + UUID.randomUUID());
        URI theirs = URI.create("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=" + UUID.randomUUID());

        assertThat(post("ses", sns.subscriptionConfirmation(TOPIC, ours), Map.of()).status()).isEqualTo(200);
        assertThat(post("ses", sns.subscriptionConfirmation("arn:aws:sns:us-east-1:999999999999:x", theirs),
                Map.of()).status()).isEqualTo(401);

        assertThat(sns.fetched()).contains(ours).doesNotContain(theirs);
    }

    // SendGrid

    @Test
    void sendGridBounceAndSpamReportReachTheirSubscriptionsOnce() throws Exception {
        Sent bounced = sentMail();
        Sent reported = sentMail();
        String body = json.writeValueAsString(List.of(
                Map.of("event", "delivered", "smtp-id", bounced.messageIdHeader(), "sg_event_id", "d-" + bounced.id()),
                Map.of("event", "bounce", "type", "bounce", "status", "5.1.1", "smtp-id", bounced.messageIdHeader(),
                        "sg_event_id", "b-" + bounced.id(), "timestamp", Instant.now().getEpochSecond(),
                        "email", bounced.address(), "reason", "550 5.1.1 " + bounced.address() + " unknown"),
                Map.of("event", "spamreport", "smtp-id", reported.messageIdHeader(), "sg_event_id", "s-" + reported.id(),
                        "timestamp", Instant.now().getEpochSecond())));

        Api.Answer first = sendGrid(body, sendGridSignature(body, "1733480000"), "1733480000");
        Api.Answer again = sendGrid(body, sendGridSignature(body, "1733480000"), "1733480000");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("events").asInt()).isEqualTo(2);
        assertThat(again.json().get("recorded").asInt()).isZero();
        assertThat(status(bounced)).isEqualTo(SubscriptionStatus.BOUNCED);
        assertThat(status(reported)).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
        assertThat(jdbc.sql("select diagnostic from dispatch_feedback where message_id = ?").param(bounced.id())
                .query(String.class).single()).contains("5.1.1").doesNotContain(bounced.address());
    }

    @Test
    void aSendGridBatchFarLargerThanAnApiBodyIsTaken() throws Exception {
        Sent bounced = sentMail();
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            events.add(Map.of("event", "delivered", "smtp-id", "<" + UUID.randomUUID() + "@consentflow.test>",
                    "sg_event_id", "d-" + UUID.randomUUID(), "email", "someone-" + i + "@example.org"));
        }
        events.add(Map.of("event", "bounce", "type", "bounce", "status", "5.1.1", "smtp-id",
                bounced.messageIdHeader(), "sg_event_id", "b-" + bounced.id()));
        String body = json.writeValueAsString(events);
        assertThat(body.length()).isGreaterThan(200_000);

        Api.Answer answer = sendGrid(body, sendGridSignature(body, "1733480000"), "1733480000");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(status(bounced)).isEqualTo(SubscriptionStatus.BOUNCED);
    }

    @Test
    void aSendGridPostWithABadOrMissingSignatureIsRefusedAndChangesNothing() throws Exception {
        Sent sent = sentMail();
        String body = json.writeValueAsString(List.of(Map.of("event", "bounce", "type", "bounce",
                "smtp-id", sent.messageIdHeader(), "sg_event_id", "b-" + sent.id())));
        String signature = sendGridSignature(body, "1733480000");

        assertThat(sendGrid(body, signature, "1733480001").status()).as("another timestamp").isEqualTo(401);
        assertThat(sendGrid(body.replace("b-", "c-"), signature, "1733480000").status()).as("another body")
                .isEqualTo(401);
        assertThat(web.postRaw("/hooks/sendgrid", "application/json", body.getBytes(StandardCharsets.UTF_8),
                Map.of()).status()).as("unsigned").isEqualTo(401);
        assertThat(status(sent)).isEqualTo(SubscriptionStatus.CONFIRMED);
        assertThat(feedback(sent)).isEmpty();
    }

    // Postmark

    @Test
    void postmarkHardBounceAndSpamComplaintWithTheRightCredentialsReachTheirSubscriptions() throws Exception {
        Sent bounced = sentMail();
        Sent complained = sentMail();
        Map<String, String> auth = Map.of("Authorization", basic("postmark", "s3cret-hook"));

        Api.Answer bounce = post("postmark", postmark("Bounce", "HardBounce", 4_000_001L + bounced.hashCode(),
                bounced), auth);
        Api.Answer complaint = post("postmark", postmark("SpamComplaint", "SpamComplaint",
                4_000_002L + complained.hashCode(), complained), auth);

        assertThat(bounce.status()).isEqualTo(200);
        assertThat(complaint.status()).isEqualTo(200);
        assertThat(status(bounced)).isEqualTo(SubscriptionStatus.BOUNCED);
        assertThat(status(complained)).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
    }

    @Test
    void aPostmarkPostWithWrongOrNoCredentialsIsRefusedAndChangesNothing() throws Exception {
        Sent sent = sentMail();
        Map<String, Object> bounce = postmark("Bounce", "HardBounce", 5_000_000L + sent.hashCode(), sent);

        assertThat(post("postmark", bounce, Map.of("Authorization", basic("postmark", "guess"))).status())
                .isEqualTo(401);
        assertThat(post("postmark", bounce, Map.of()).status()).isEqualTo(401);
        assertThat(status(sent)).isEqualTo(SubscriptionStatus.CONFIRMED);
    }

    @Test
    void aBounceForAMessageRetentionRemovedFromTheOutboxStillBouncesItsSubscriptionAndAnUnknownOneChangesNothing()
            throws Exception {
        Sent sent = sentMail();
        await().atMost(Duration.ofSeconds(60)).until(() -> dispatch.state(account, sent.id()).orElseThrow().isFinal());
        // As ledger retention leaves a message final for its period: gone from the outbox, kept in the history.
        assertThat(jdbc.sql("delete from dispatch_outbox where id = ?").param(sent.id()).update()).isEqualTo(1);
        Map<String, String> auth = Map.of("Authorization", basic("postmark", "s3cret-hook"));

        Api.Answer bounce = post("postmark", postmark("Bounce", "HardBounce", 6_000_001L + sent.hashCode(), sent),
                auth);
        Sent nothing = new Sent(UUID.randomUUID(), sent.subscription(), sent.address());
        Api.Answer unknown = post("postmark", postmark("Bounce", "HardBounce", 6_000_002L + sent.hashCode(),
                nothing), auth);

        assertThat(bounce.status()).isEqualTo(200);
        assertThat(bounce.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(status(sent)).isEqualTo(SubscriptionStatus.BOUNCED);
        assertThat(feedback(sent)).containsExactly("postmark:HARD_BOUNCE");
        assertThat(audited(sent, "BOUNCED")).isEqualTo(1);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(200);
        assertThat(unknown.json().get("recorded").asInt()).isZero();
    }

    // Mailgun

    @Test
    void mailgunPermanentFailureAndComplaintReachTheirSubscriptions() throws Exception {
        Sent bounced = sentMail();
        Sent complained = sentMail();

        Api.Answer failure = post("mailgun", mailgun(signed(Instant.now().getEpochSecond()),
                mailgunEvent("failed", "permanent", bounced)), Map.of());
        Api.Answer complaint = post("mailgun", mailgun(signed(Instant.now().getEpochSecond()),
                mailgunEvent("complained", null, complained)), Map.of());

        assertThat(failure.status()).isEqualTo(200);
        assertThat(complaint.status()).isEqualTo(200);
        assertThat(status(bounced)).isEqualTo(SubscriptionStatus.BOUNCED);
        assertThat(status(complained)).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
    }

    @Test
    void aMailgunPostWithABadSignatureAReusedTokenOrAnOldTimestampIsRefused() throws Exception {
        Sent temporary = sentMail();
        Sent sent = sentMail();
        Map<String, Object> signature = signed(Instant.now().getEpochSecond());
        Map<String, Object> forged = new LinkedHashMap<>(signature);
        forged.put("signature", "0".repeat(64));

        assertThat(post("mailgun", mailgun(forged, mailgunEvent("failed", "permanent", sent)), Map.of()).status())
                .as("bad signature").isEqualTo(401);
        assertThat(post("mailgun", mailgun(signature, mailgunEvent("failed", "temporary", temporary)), Map.of())
                .status()).as("first use").isEqualTo(200);
        assertThat(post("mailgun", mailgun(signature, mailgunEvent("failed", "permanent", sent)), Map.of()).status())
                .as("the same token again").isEqualTo(401);
        assertThat(post("mailgun", mailgun(signed(Instant.now().minusSeconds(3600).getEpochSecond()),
                mailgunEvent("failed", "permanent", sent)), Map.of()).status()).as("an hour old").isEqualTo(401);

        assertThat(status(sent)).isEqualTo(SubscriptionStatus.CONFIRMED);
        assertThat(status(temporary)).as("a soft bounce alone changes no status").isEqualTo(SubscriptionStatus.CONFIRMED);
        assertThat(feedback(temporary)).containsExactly("mailgun:SOFT_BOUNCE");
        assertThat(feedback(sent)).isEmpty();
    }

    // What every webhook shares

    @Test
    void malformedJsonIs400AndAnEventAboutMailWeNeverSentIs200WithoutEffect() throws Exception {
        assertThat(web.postRaw("/hooks/mailgun", "application/json", "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of()).status()).isEqualTo(400);
        assertThat(web.postRaw("/hooks/ses", "text/plain", "[1,".getBytes(StandardCharsets.UTF_8), Map.of())
                .status()).isEqualTo(400);

        Sent nobody = new Sent(UUID.randomUUID(), null, "nobody@example.org");
        Api.Answer unknown = post("mailgun", mailgun(signed(Instant.now().getEpochSecond()),
                mailgunEvent("failed", "permanent", nobody)), Map.of());
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("recorded").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from dispatch_feedback where message_id = ?").param(nobody.id())
                .query(Long.class).single()).isZero();
    }

    // helpers

    record Sent(UUID id, SubscriptionRef subscription, String address) {
        String messageIdHeader() {
            return "<" + id + "@consentflow.test>";
        }
    }

    private Sent sentMail() {
        String address = "reader-" + UUID.randomUUID() + "@example.org";
        SubscriptionRef ref = subscribers.subscribeConfirmed(account, signup(address, "news"));
        UUID id = dispatch.enqueue(new OutboundMessage(account, ref.subscriberId().value(),
                ref.subscriptionId().value(), Channel.EMAIL, Purpose.CAMPAIGN, "webhooks-" + UUID.randomUUID(),
                new OutboundMessage.Content("News", "Hello", null), "https://consentflow.test/u/" + UUID.randomUUID(),
                "news.consentflow.test"));
        return new Sent(id, ref, address);
    }

    private static Signup signup(String address, String list) {
        return new Signup(address, null, Channel.EMAIL, list, Map.of(), Source.API,
                ConsentEvidence.ofClick(Instant.now(), "203.0.113.7", null));
    }

    private SubscriptionStatus status(Sent sent) {
        return subscriptions.subscription(account, sent.subscription().subscriptionId()).orElseThrow().status();
    }

    private List<String> feedback(Sent sent) {
        return jdbc.sql("select source || ':' || kind from dispatch_feedback where message_id = ?").param(sent.id())
                .query(String.class).list();
    }

    /** Through the trail, which chains the committed entries that still wait (they are chained after commit). */
    private long audited(Sent sent, String action) {
        return trail.ofSubscriber(account, sent.subscription().subscriberId().value()).stream()
                .filter(entry -> entry.action().equals(action)).count();
    }

    private Api.Answer post(String provider, Object body, Map<String, String> headers) throws Exception {
        return web.postRaw("/hooks/" + provider, "ses".equals(provider) ? "text/plain; charset=UTF-8"
                : "application/json", json.writeValueAsBytes(body), headers);
    }

    private static String sesEvent(String type, Sent sent, String bounceType) throws Exception {
        Map<String, Object> mail = Map.of("messageId", "0102018f-ses-" + UUID.randomUUID(),
                "headers", List.of(Map.of("name", "Message-ID", "value", sent.messageIdHeader())),
                "commonHeaders", Map.of("messageId", sent.messageIdHeader()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("notificationType", type);
        event.put("mail", mail);
        if ("Bounce".equals(type)) {
            event.put("bounce", Map.of("bounceType", bounceType, "bounceSubType", "General",
                    "timestamp", Instant.now().toString(), "bouncedRecipients", List.of(Map.of("emailAddress",
                            sent.address(), "status", "5.1.1", "diagnosticCode", "smtp; 550 5.1.1 user unknown"))));
        } else {
            event.put("complaint", Map.of("complaintFeedbackType", "abuse", "timestamp", Instant.now().toString(),
                    "complainedRecipients", List.of(Map.of("emailAddress", sent.address()))));
        }
        return json.writeValueAsString(event);
    }

    private Api.Answer sendGrid(String body, String signature, String timestamp) {
        return web.postRaw("/hooks/sendgrid", "application/json", body.getBytes(StandardCharsets.UTF_8),
                Map.of(SendGridWebhook.SIGNATURE, signature, SendGridWebhook.TIMESTAMP, timestamp));
    }

    private static String sendGridSignature(String body, String timestamp) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(sendgridKey.getPrivate());
        signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private static Map<String, Object> postmark(String recordType, String type, long id, Sent sent) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("RecordType", recordType);
        record.put("ID", id);
        record.put("Type", type);
        record.put("TypeCode", "SpamComplaint".equals(type) ? 512 : 1);
        record.put("MessageID", UUID.randomUUID().toString());
        record.put("Metadata", Map.of("consentflow-message", sent.id().toString()));
        record.put("Email", sent.address());
        record.put("BouncedAt", Instant.now().toString());
        return record;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> signed(long timestamp) throws Exception {
        String token = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MAILGUN_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return Map.of("timestamp", Long.toString(timestamp), "token", token, "signature", signature);
    }

    private static Map<String, Object> mailgun(Map<String, Object> signature, Map<String, Object> event) {
        return Map.of("signature", signature, "event-data", event);
    }

    private static Map<String, Object> mailgunEvent(String event, String severity, Sent sent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", event);
        data.put("id", UUID.randomUUID().toString());
        data.put("timestamp", Instant.now().getEpochSecond() + 0.25);
        if (severity != null) {
            data.put("severity", severity);
            data.put("delivery-status", Map.of("code", "permanent".equals(severity) ? 550 : 452));
        }
        data.put("recipient", sent.address());
        // Mailgun gives the Message-ID without its angle brackets.
        data.put("message", Map.of("headers", Map.of("message-id", sent.id() + "@consentflow.test")));
        return data;
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
