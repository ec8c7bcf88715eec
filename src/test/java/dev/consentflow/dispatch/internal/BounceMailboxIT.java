package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.ExternalLinter;
import dev.consentflow.support.TestAccounts;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bounces and complaints end to end on the whole server: mail goes out with its VERP Return-Path (seen at the
 * development SMTP server), DSNs (RFC 3464) and ARF reports (RFC 5965) as real senders write them arrive by SMTP
 * in the development server's bounce mailbox, and the reader takes them over IMAP: hard and soft bounces, a
 * complaint that unsubscribes every list of the brand, a crash between the effect and the delete, a campaign that
 * pauses itself on complaints and is resumed. The reader runs by explicit rounds here (a long poll interval), so
 * each test knows what it reads.
 */
@IntegrationTest
@AutoConfigureObservability(tracing = false)
class BounceMailboxIT {

    private static final Logger log = LoggerFactory.getLogger(BounceMailboxIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void explicitRounds(DynamicPropertyRegistry registry) {
        registry.add("consentflow.bounce.poll-interval", () -> "PT1H");
        registry.add("consentflow.bounce.rate-refresh", () -> "PT0.5S");
        registry.add("consentflow.dispatch.poll-interval", () -> "PT0.1S");
        // Slow enough that a campaign of twelve is still sending when its first complaint comes back.
        registry.add("consentflow.dispatch.rate-per-second", () -> "2");
    }

    @LocalServerPort
    int port;
    @Autowired
    BounceReader reader;
    @Autowired
    ReturnPaths returnPaths;
    @Autowired
    GreenMail greenMail;
    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DevMailConfiguration.DevBounceMailbox devMailbox;

    Api admin;
    AccountId account;
    String suffix;

    @BeforeEach
    void anAccountWithTwoListsOfOneBrandAndOneOfAnother() throws Exception {
        admin = TestAccounts.newAccount(Api.at(port).as(Api.ADMIN_KEY));
        account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        suffix = UUID.randomUUID().toString().substring(0, 8);
        for (String[] list : new String[][] {{"news", "acme"}, {"offers", "acme"}, {"club", "other"}}) {
            Answer created = admin.post("/api/lists", Map.of("key", list[0] + "-" + suffix, "name", list[0],
                    "brand", list[1] + "-" + suffix));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        while (reader.poll() > 0) {
            // what earlier tests left in the shared mailbox
        }
    }

    @Test
    void eachMailLeavesWithItsOwnVerpReturnPathThatNamesItsMessage() throws Exception {
        Person anna = person("anna", "news");
        UUID id = mail(anna);

        MimeMessage received = await().atMost(PATIENCE).until(() -> receivedWith(id), m -> m != null);
        String returnPath = received.getHeader("Return-Path")[0];
        assertThat(returnPath).isEqualTo("<" + returnPaths.of(id) + ">")
                .matches("<bounces\\+[0-9a-f]{48}@localhost>");
        assertThat(returnPaths.messageIn(returnPath)).contains(id);
        assertThat(received.getFrom()[0].toString()).contains("noreply@localhost");
    }

    @Test
    void aHardBounceMarksTheSubscriptionBouncedOnceAlthoughACrashMadeTheReaderReadItAgain() throws Exception {
        Person anna = person("anna", "news", "offers");
        UUID id = mail(anna);
        deliver(BounceMail.dsn(returnPaths.of(id), id, "failed", "5.1.1",
                "550 5.1.1 <" + anna.email + ">: Recipient address rejected: User unknown"));

        // The crash: the effect committed, the node died before it deleted the message.
        try (Store store = devMailbox.mailbox().connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(reader.settle((MimeMessage) inbox.getMessage(1))).isEqualTo(BounceReader.Outcome.RECORDED);
            inbox.close(false);
        }
        assertThat(status(anna, "news")).isEqualTo("BOUNCED");
        assertThat(mailboxCount()).as("still in the mailbox").isEqualTo(1);

        assertThat(reader.poll()).isEqualTo(1);

        assertThat(mailboxCount()).isZero();
        assertThat(audit(anna, "BOUNCED")).hasSize(1);
        assertThat(audit(anna, "BOUNCED").get(0).get("detail").get("smtpCode").asText()).isEqualTo("5.1.1");
        assertThat(jdbc.sql("select count(*) from dispatch_feedback where message_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select diagnostic from dispatch_feedback where message_id = :id").param("id", id)
                .query(String.class).single()).doesNotContain(anna.email).contains("5.1.1");
        assertThat(status(anna, "offers")).as("other lists stay").isEqualTo("CONFIRMED");
    }

    @Test
    void threeSoftBouncesOfDifferentMailsMakeTheSubscriptionBouncedButTwoDoNot() throws Exception {
        Person bo = person("bo", "news");
        List<UUID> ids = List.of(mail(bo), mail(bo), mail(bo));
        deliver(BounceMail.dsn(returnPaths.of(ids.get(0)), ids.get(0), "delayed", "4.2.2", "452 4.2.2 Mailbox full"));
        deliver(BounceMail.dsn(returnPaths.of(ids.get(0)), ids.get(0), "delayed", "4.2.2", "452 4.2.2 Mailbox full"));
        deliver(BounceMail.dsn(returnPaths.of(ids.get(1)), ids.get(1), "failed", "4.4.7", "Delivery time expired"));
        assertThat(reader.poll()).isEqualTo(3);
        assertThat(status(bo, "news")).as("two different mails, one reported twice").isEqualTo("CONFIRMED");

        deliver(BounceMail.dsn(returnPaths.of(ids.get(2)), ids.get(2), "delayed", "4.2.2", "452 4.2.2 Mailbox full"));
        assertThat(reader.poll()).isEqualTo(1);
        assertThat(status(bo, "news")).isEqualTo("BOUNCED");
        assertThat(audit(bo, "BOUNCED")).hasSize(1);
    }

    @Test
    void aComplaintUnsubscribesEveryListOfTheBrandAuditedAsComplainedWithTheProvider() throws Exception {
        Person cleo = person("cleo", "news", "offers", "club");
        UUID id = mail(cleo);
        deliver(BounceMail.complaint("fbl.mail.example", returnPaths.of(id), id));

        assertThat(reader.poll()).isEqualTo(1);

        assertThat(status(cleo, "news")).isEqualTo("UNSUBSCRIBED");
        assertThat(status(cleo, "offers")).isEqualTo("UNSUBSCRIBED");
        assertThat(status(cleo, "club")).as("another brand").isEqualTo("CONFIRMED");
        List<JsonNode> complained = audit(cleo, "COMPLAINED");
        assertThat(complained).hasSize(1);
        assertThat(complained.get(0).get("detail").get("provider").asText()).isEqualTo("fbl.mail.example");
        assertThat(complained.get(0).get("actor").asText()).isEqualTo("system:feedback-loop");
        assertThat(audit(cleo, "UNSUBSCRIBED")).hasSize(2)
                .allSatisfy(e -> assertThat(e.get("detail").get("via").asText()).isEqualTo("COMPLAINT"));
    }

    @Test
    void whatIsNeitherABounceNorAComplaintIsMovedAsideNotLost() throws Exception {
        deliver("From: someone@example.org\r\nTo: bounces@localhost\r\nSubject: Out of office\r\nMessage-ID: <ooo-"
                + suffix + "@example.org>\r\n\r\nI am away until Monday.\r\n");
        assertThat(reader.poll()).isEqualTo(1);

        assertThat(mailboxCount()).isZero();
        try (Store store = devMailbox.mailbox().connect()) {
            Folder aside = store.getFolder("Unprocessed");
            aside.open(Folder.READ_ONLY);
            assertThat(java.util.Arrays.stream(aside.getMessages()).map(m -> header(m, "Message-ID")))
                    .contains("<ooo-" + suffix + "@example.org>");
            aside.close(false);
        }
    }

    @Test
    void aCampaignPausesItselfOnComplaintsKeepsItsQueuedMailWaitingAndResumesWhereItStopped() throws Exception {
        Answer settings = admin.put("/api/deliverability-settings", Map.of("hardBounceRate", 0.05,
                "complaintRate", 0.001));
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        assertThat(admin.put("/api/deliverability-settings", Map.of("hardBounceRate", 2, "complaintRate", 0.001))
                .status()).isEqualTo(400);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            people.add(person("p" + i, "news"));
        }
        Answer template = admin.post("/api/templates", Map.of("key", "nov-" + suffix, "subject", "November",
                "html", "<p>Hello {{email}}</p>", "text", "Hello {{email}}"));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        String campaign = admin.post("/api/campaigns", Map.of("name", "November", "list", "news-" + suffix,
                "template", "nov-" + suffix)).json().get("id").asText();
        assertThat(admin.post("/api/campaigns/" + campaign + "/resume", Map.of()).status()).as("not paused")
                .isEqualTo(409);
        assertThat(admin.post("/api/campaigns/" + campaign + "/send", Map.of()).status()).isEqualTo(202);

        UUID first = await().atMost(PATIENCE).until(() -> jdbc.sql("""
                select o.id from dispatch_outbox o where o.batch_id = :batch and o.state = 'SENT' limit 1""")
                .param("batch", campaign).query(UUID.class).optional().orElse(null), id -> id != null);
        deliver(BounceMail.complaint("fbl.mail.example", returnPaths.of(first), first));
        assertThat(reader.poll()).isEqualTo(1);

        JsonNode paused = await().atMost(PATIENCE).until(() -> admin.get("/api/campaigns/" + campaign).json(),
                c -> "PAUSED".equals(c.get("status").asText()));
        assertThat(paused.get("deliverability").get("complaints").asLong()).isEqualTo(1);
        assertThat(paused.get("deliverability").get("pauseReason").asText()).startsWith("complaint rate");
        assertThat(paused.get("deliverability").get("accountComplaintRate").asDouble()).isPositive();
        long sentWhenPaused = sent(campaign);
        assertThat(sentWhenPaused).as(paused.toString()).isLessThan(12);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sent(campaign) == sentWhenPaused);

        Answer resumed = admin.post("/api/campaigns/" + campaign + "/resume", Map.of());
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asText()).isEqualTo("SENDING");
        JsonNode done = await().atMost(PATIENCE).until(() -> admin.get("/api/campaigns/" + campaign).json(),
                c -> "SENT".equals(c.get("status").asText()));
        assertThat(done.get("sent").asLong() + done.get("suppressed").asLong()).as(done.toString()).isEqualTo(12);
        assertThat(jdbc.sql("select count(*) from dispatch_outbox where batch_id = :b").param("b", campaign)
                .query(Long.class).single()).as("each person mailed once").isEqualTo(12);

        String ratio = await().atMost(PATIENCE).until(() -> Api.at(port).get("/actuator/prometheus").body().lines()
                        .filter(l -> l.startsWith("consentflow_dispatch_complaint_ratio")
                                || l.matches("# (HELP|TYPE) consentflow_dispatch_complaint_ratio.*"))
                        .collect(Collectors.joining("\n", "", "\n")),
                lines -> lines.contains("account=\"" + account.value() + "\""));
        assertThat(ratio).containsPattern("(?m)^# HELP consentflow_dispatch_complaint_ratio \\S.{10,}$");
        Path scrape = Files.createDirectories(Path.of("target")).resolve("complaint-ratio-metrics.txt");
        Files.writeString(scrape, ratio);
        ExternalLinter.Run promtool = ExternalLinter.run("promtool",
                List.of("sh", "-c", "promtool check metrics < " + scrape));
        assertThat(promtool.output()).as("promtool check metrics").isBlank();
        assertThat(promtool.exitCode()).isZero();
    }

    @Test
    void theReaderTakesAThousandDsnsOnceEach() throws Exception {
        Person many = person("many", "news");
        UUID id = mail(many);
        int reports = 1_000;
        var user = greenMail.getUserManager().getUserByEmail(returnPaths.mailbox());
        for (int i = 0; i < reports; i++) {
            user.deliver(BounceMail.parse(BounceMail.dsn(returnPaths.of(id), id, "failed", "5.2.1",
                    "550 5.2.1 mailbox disabled")));
        }
        // The ceiling: the same mailbox fetched whole over IMAP, nothing done with it.
        long fetchStart = System.nanoTime();
        try (Store store = devMailbox.mailbox().connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (int from = 1; from <= reports; from += 500) {
                Message[] batch = inbox.getMessages(from, Math.min(reports, from + 499));
                jakarta.mail.FetchProfile profile = new jakarta.mail.FetchProfile();
                profile.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.MESSAGE);
                inbox.fetch(batch, profile);
                for (Message m : batch) {
                    m.writeTo(java.io.OutputStream.nullOutputStream());
                }
            }
            inbox.close(false);
        }
        double fetchSeconds = (System.nanoTime() - fetchStart) / 1e9;
        long start = System.nanoTime();
        int handled = 0;
        for (int round; (round = reader.poll()) > 0; ) {
            handled += round;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.warn("Bounce reader: {} DSNs in {} s over IMAP: {} per second; fetching them alone: {} per second",
                handled, String.format("%.2f", seconds), String.format("%.0f", handled / seconds),
                String.format("%.0f", reports / fetchSeconds));

        assertThat(handled).isEqualTo(reports);
        assertThat(mailboxCount()).isZero();
        assertThat(jdbc.sql("select count(*) from dispatch_feedback where message_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(reports);
        assertThat(audit(many, "BOUNCED")).hasSize(1);
    }

    // --- helpers

    record Person(String email, UUID subscriberId) {
    }

    private Person person(String name, String... lists) {
        String email = name + "." + suffix + "@example.dk";
        String subscriber = null;
        for (String list : lists) {
            Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list + "-" + suffix,
                    "confirmed", true, "ip", "203.0.113.60", "at", Instant.now().minusSeconds(60).toString()));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
            subscriber = subscribed.json().get("subscriberId").asText();
        }
        return new Person(email, UUID.fromString(subscriber));
    }

    /** One list mail to the person on the news list, sent. */
    private UUID mail(Person person) {
        UUID subscription = jdbc.sql("""
                        select s.id from contacts_subscription s join contacts_list l on l.id = s.list_id
                         where s.contact_id = :contact and l.key = :list""")
                .param("contact", person.subscriberId).param("list", "news-" + suffix).query(UUID.class).single();
        UUID id = transactions.execute(status -> dispatch.enqueue(new OutboundMessage(account, person.subscriberId,
                subscription, Channel.EMAIL, Purpose.CAMPAIGN, "bounce-it-" + suffix,
                new OutboundMessage.Content("Hello " + suffix, "Hello", null), "https://consentflow.test/u/x", null)));
        await().atMost(PATIENCE).until(() -> dispatch.state(account, id).orElseThrow() == MessageState.SENT);
        return id;
    }

    /** Sends a report by SMTP to the bounce mailbox, byte for byte as written (no header rewritten). */
    private void deliver(String raw) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new java.io.ByteArrayInputStream(raw.getBytes()));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(returnPaths.mailbox())});
        }
    }

    private int mailboxCount() throws Exception {
        try (Store store = devMailbox.mailbox().connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = (int) java.util.Arrays.stream(inbox.getMessages())
                    .filter(m -> !isDeleted(m)).count();
            inbox.close(false);
            return count;
        }
    }

    private static boolean isDeleted(Message m) {
        try {
            return m.isSet(Flags.Flag.DELETED);
        } catch (Exception e) {
            return true;
        }
    }

    private static String header(Message m, String name) {
        try {
            return m.getHeader(name)[0];
        } catch (Exception e) {
            return null;
        }
    }

    private MimeMessage receivedWith(UUID id) {
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (("<" + id + "@localhost>").equals(header(m, "Message-ID"))) {
                return m;
            }
        }
        return null;
    }

    private String status(Person person, String list) {
        JsonNode card = admin.get("/api/contacts/" + person.subscriberId).json();
        return StreamSupport.stream(card.get("subscriptions").spliterator(), false)
                .filter(s -> s.get("list").asText().equals(list + "-" + suffix))
                .map(s -> s.get("status").asText()).findFirst().orElseThrow();
    }

    private List<JsonNode> audit(Person person, String action) {
        return await().atMost(PATIENCE).until(() -> StreamSupport.stream(
                        admin.get("/api/contacts/" + person.subscriberId + "/audit").json().spliterator(), false)
                .filter(e -> action.equals(e.path("action").asText())).toList(), entries -> !entries.isEmpty());
    }

    private long sent(String campaign) {
        return jdbc.sql("select count(*) from dispatch_outbox where batch_id = :b and state = 'SENT'")
                .param("b", campaign).query(Long.class).single();
    }
}
