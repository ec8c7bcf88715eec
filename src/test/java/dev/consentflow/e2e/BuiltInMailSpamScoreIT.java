package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.consentflow.IntegrationTest;
import dev.consentflow.contacts.ListLanguage;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.ExternalLinter;
import dev.consentflow.support.TestAccounts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Every built-in mail (confirmation, reminder, welcome, resubscription) in every language, as the development
 * SMTP server received it, scored by Debian's SpamAssassin offline ({@code spamassassin -t -L}): each stays at or
 * below 1.0 (Bayes does not learn from them, so a developer's own filter is left as it was). Skipped where SpamAssassin is not installed; in CI ({@code CI=true}) a missing one fails.
 */
@IntegrationTest
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class BuiltInMailSpamScoreIT {

    private static final double MAX_SCORE = 1.0;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");
    private static final Pattern FROM_LINE = Pattern.compile("(?m)^From ");
    private static final Pattern SCORE = Pattern.compile("X-Spam-Status: \\w+, score=(-?[0-9.]+)[^\\n]*\\n((?:\\s+[^\\n]*\\n)*)");

    @LocalServerPort
    int port;

    @Autowired
    GreenMail greenMail;

    @Autowired
    ManagementService management;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyBuiltInMailInEveryLanguageScoresAtMostOne() throws Exception {
        ExternalLinter.requireTool("spamassassin");
        Api anonymous = Api.at(port);
        Api admin = TestAccounts.newAccount(anonymous.as(Api.ADMIN_KEY));
        DevMailbox mailbox = DevMailbox.of(anonymous);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> builtIn = new LinkedHashMap<>();
        for (String language : ListLanguage.CODES) {
            String list = "news-" + language + "-" + suffix;
            assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "language", language))
                    .status()).isEqualTo(201);
            String form = list + "-form";
            assertThat(admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL"))
                    .status()).isEqualTo(201);

            String anna = "anna-" + language + "-" + suffix + "@example.com";
            assertThat(signup(anonymous, form, anna).status()).isEqualTo(202);
            String confirmation = await().atMost(Duration.ofSeconds(30)).until(() -> received(anna), m -> m.size() == 1)
                    .get(0);
            String instance = jdbc.sql("select process_instance_id from subscription_confirmation_request where purpose = 'SIGNUP' and subscriber_id = :id")
                    .param("id", UUID.fromString(admin.get("/api/contacts?email=" + anna).json().get(0)
                            .get("subscriberId").asText())).query(String.class).single();
            management.executeJob(management.createJobQuery().processInstanceId(instance)
                    .activityId("Event_ReminderDue").singleResult().getId());
            String reminder = await().atMost(Duration.ofSeconds(30)).until(() -> received(anna), m -> m.size() == 2)
                    .get(1);
            String path = DevMailbox.confirmationPath(mailbox.mails(anna, "").get(0));
            assertThat(anonymous.postRaw(path, "application/x-www-form-urlencoded", "").status()).isEqualTo(200);
            String welcome = await().atMost(Duration.ofSeconds(30)).until(() -> received(anna), m -> m.size() == 3)
                    .get(2);

            String bert = "bert-" + language + "-" + suffix + "@example.com";
            Answer subscribed = admin.post("/api/subscriptions", Map.of("email", bert, "list", list, "confirmed", true,
                    "ip", "203.0.113.70", "at", "2026-11-01T10:00:00Z"));
            String id = subscribed.json().get("subscriberId").asText();
            assertThat(admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "asked")).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELETED".equals(
                    admin.get("/api/contacts?email=" + bert).json().get(0).get("permission").asText()));
            assertThat(signup(anonymous, form, bert).status()).isEqualTo(202);
            String resubscription = await().atMost(Duration.ofSeconds(30)).until(() -> received(bert),
                    m -> m.size() == 1).get(0);

            builtIn.put("confirmation/" + language, confirmation);
            builtIn.put("reminder/" + language, reminder);
            builtIn.put("welcome/" + language, welcome);
            builtIn.put("resubscription/" + language, resubscription);
        }
        Map<String, String> reportOf = spamAssassin(builtIn);
        Map<String, Double> scores = new LinkedHashMap<>();
        StringBuilder reports = new StringBuilder();
        builtIn.keySet().forEach(mail -> {
            String report = reportOf.get(mail);
            assertThat(report).as("a report on %s", mail).isNotNull();
            Matcher score = SCORE.matcher(report);
            assertThat(score.find()).as(report).isTrue();
            scores.put(mail, Double.parseDouble(score.group(1)));
            reports.append(mail).append(": ").append(score.group(0).strip()).append('\n');
        });
        System.out.println("SpamAssassin scores of the built-in mails:\n" + reports);
        assertThat(scores).as(reports.toString()).allSatisfy((mail, score) -> assertThat(score).isLessThanOrEqualTo(MAX_SCORE));
    }

    private Answer signup(Api anonymous, String form, String email) {
        return anonymous.post("/f/" + form, Map.of("email", email, "consent", true));
    }

    /** The mails the SMTP server received for an address, whole (headers and body) as it received them. */
    private List<String> received(String email) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> to(m, email))
                .map(GreenMailUtil::getWholeMessage).toList();
    }

    private static boolean to(MimeMessage message, String email) {
        try {
            return message.getAllRecipients() != null && Arrays.stream(message.getAllRecipients())
                    .anyMatch(a -> a.toString().toLowerCase().contains(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SpamAssassin's report on each mail (by name), from one run over all of them as an mbox: its start (Perl and
     * the rules) costs more than scoring a mail. It reports in an order of its own, so each report is known by the
     * Message-ID of its mail.
     */
    private static Map<String, String> spamAssassin(Map<String, String> mails) {
        Map<String, String> nameOf = new LinkedHashMap<>();
        StringBuilder mbox = new StringBuilder();
        mails.forEach((name, mail) -> {
            Matcher id = MESSAGE_ID.matcher(mail);
            assertThat(id.find()).as("a Message-ID in %s", name).isTrue();
            assertThat(nameOf.put(id.group(1), name)).as("one mail per Message-ID").isNull();
            mbox.append("From consentflow@localhost Sun Dec  6 10:00:00 2026\n")
                    .append(FROM_LINE.matcher(mail).replaceAll(">From "));
            mbox.append(mail.endsWith("\n") ? "\n" : "\n\n");
        });
        try {
            Path file = Files.createTempFile("mails", ".mbox");
            try {
                Files.writeString(file, mbox, StandardCharsets.UTF_8);
                ExternalLinter.Run run = ExternalLinter.run("spamassassin",
                        List.of("sh", "-c", "spamassassin -t -L --mbox --cf='bayes_auto_learn 0' < " + file));
                Map<String, String> reports = new LinkedHashMap<>();
                for (String report : run.output().split("(?m)^From (?=\\S+ )")) {
                    Matcher id = MESSAGE_ID.matcher(report);
                    if (id.find() && nameOf.containsKey(id.group(1))) {
                        reports.put(nameOf.get(id.group(1)), report);
                    }
                }
                assertThat(reports.keySet()).as(run.output()).containsExactlyInAnyOrderElementsOf(mails.keySet());
                return reports;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
