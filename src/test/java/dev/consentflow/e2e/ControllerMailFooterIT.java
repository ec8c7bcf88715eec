package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Browser;
import dev.consentflow.support.ReceivedMails;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.operaton.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Every mail a subscriber of a branded Danish list gets, as the SMTP server received it (confirmation, reminder,
 * welcome, resubscription, a campaign's), ends with the data controller's Danish footer in its text and its HTML
 * part: the controller's name and address, the privacy policy and the data-protection address, escaped; so does a
 * confirmation the account worded itself, whose placeholders name the controller too. A list whose brand has no
 * record names no controller.
 */
@IntegrationTest
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1",
        "consentflow.signup.rate-per-address=50"})
class ControllerMailFooterIT {

    private static final String TEXT_FOOTER = """
            --
            Sendt af Fisk & Co <Øst> ApS, Havnegade 1, 5970 Ærøskøbing.
            Privatlivspolitik: https://fisk.example/privatliv?a=1&b=2
            Spørgsmål om dine data: dpo@fisk.example
            """;
    private static final String HTML_FOOTER = "<p style=\"margin:0\">Sendt af <strong>Fisk &amp; Co &lt;Øst&gt; ApS"
            + "</strong>, Havnegade 1, 5970 Ærøskøbing.<br>Privatlivspolitik: <a href=\"https://fisk.example/"
            + "privatliv?a=1&amp;b=2\" style=\"color:#0b4f94\">https://fisk.example/privatliv?a=1&amp;b=2</a><br>"
            + "Spørgsmål om dine data: <a href=\"mailto:dpo@fisk.example\" style=\"color:#0b4f94\">dpo@fisk.example"
            + "</a></p>\n</div>\n</body>";

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;

    Api anonymous;
    Api admin;
    String run;

    @BeforeEach
    void clients() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous.as(Api.ADMIN_KEY));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyMailOfABrandedDanishListEndsWithTheControllersDanishFooterInBothParts() throws Exception {
        String form = brandedDanishListWithForm("nyt");
        String anna = "anna-" + run + "@example.dk";
        signUp(form, anna);
        assertFooter("confirmation", mailTo(anna, 1).get(0));

        String instance = jdbc.sql("select process_instance_id from subscription_confirmation_request "
                        + "where purpose = 'SIGNUP' and subscriber_id = :id")
                .param("id", UUID.fromString(admin.get("/api/contacts?email=" + anna).json().get(0)
                        .get("subscriberId").asText())).query(String.class).single();
        management.executeJob(management.createJobQuery().processInstanceId(instance)
                .activityId("Event_ReminderDue").singleResult().getId());
        assertFooter("reminder", mailTo(anna, 2).get(1));

        String path = DevMailbox.confirmationPath(DevMailbox.of(anonymous).mails(anna, "").get(0));
        assertThat(anonymous.postRaw(path, "application/x-www-form-urlencoded", "").status()).isEqualTo(200);
        assertFooter("welcome", mailTo(anna, 3).get(2));

        String bert = "bert-" + run + "@example.dk";
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", bert, "list", "nyt", "confirmed", true,
                "ip", "203.0.113.70", "at", Instant.now().minusSeconds(60).toString()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String id = subscribed.json().get("subscriberId").asText();
        assertThat(admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "asked")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELETED".equals(
                admin.get("/api/contacts?email=" + bert).json().get(0).get("permission").asText()));
        signUp(form, bert);
        assertFooter("resubscription", mailTo(bert, 1).get(0));

        assertThat(admin.post("/api/templates", Map.of("key", "nov-" + run, "subject", "November",
                "html", "<html><body><p>Hej {{email}}</p></body></html>", "text", "Hej {{email}}")).status())
                .isEqualTo(201);
        String campaign = admin.post("/api/campaigns", Map.of("name", "November", "list", "nyt",
                "template", "nov-" + run)).json().get("id").asText();
        assertThat(admin.post("/api/campaigns/" + campaign + "/send", Map.of()).status()).isEqualTo(202);
        MimeMessage november = await().atMost(Duration.ofSeconds(60)).until(() -> ReceivedMails.to(greenMail, anna)
                .stream().filter(m -> subject(m).equals("November")).toList(), found -> found.size() == 1).get(0);
        assertThat(part(november, "text/plain")).as("the campaign's text part").startsWith("Hej " + anna)
                .contains("\n--\nAfmeld: http").endsWith(TEXT_FOOTER.substring("--\n".length()));
        assertThat(part(november, "text/html")).as("the campaign's HTML part").contains(">Afmeld</a></p>")
                .contains(HTML_FOOTER);
    }

    @Test
    void anAccountsOwnWordingGetsTheFooterAndItsPlaceholdersNameTheController() throws Exception {
        String form = brandedDanishListWithForm("egen");
        Answer worded = admin.put("/api/lists/egen/messages/confirmation", Map.of("subject", "Ja tak?",
                "html", "<html><body><p>{{controllerName}} beder dig <a href=\"{{confirmUrl}}\">bekræfte</a>. "
                        + "<a href=\"{{privacyUrl}}\">Politik</a></p></body></html>",
                "text", "{{controllerName}} ({{controllerAddress}}, {{controllerEmail}}) beder dig bekræfte: "
                        + "{{confirmUrl}}\nPolitik: {{privacyUrl}}"));
        assertThat(worded.status()).as(worded.body()).isEqualTo(200);
        String cleo = "cleo-" + run + "@example.dk";
        signUp(form, cleo);
        MimeMessage mail = mailTo(cleo, 1).get(0);
        assertThat(subject(mail)).isEqualTo("Ja tak?");
        assertThat(part(mail, "text/plain")).startsWith("Fisk & Co <Øst> ApS (Havnegade 1, 5970 Ærøskøbing, "
                + "dpo@fisk.example) beder dig bekræfte: http").contains("\nPolitik: https://fisk.example/privatliv"
                + "?a=1&b=2\n").endsWith(TEXT_FOOTER);
        assertThat(part(mail, "text/html")).startsWith("<html><body><p>Fisk &amp; Co &lt;Øst&gt; ApS beder dig")
                .contains("<a href=\"https://fisk.example/privatliv?a=1&amp;b=2\">Politik</a></p>")
                .endsWith(HTML_FOOTER + "</html>");
    }

    @Test
    void aListWhoseBrandHasNoRecordNamesNoController() throws Exception {
        assertThat(admin.post("/api/lists", Map.of("key", "plain", "name", "Plain nyt", "brand", "nobody",
                "language", "da")).status()).isEqualTo(201);
        String form = formOf("plain");
        String dora = "dora-" + run + "@example.dk";
        signUp(form, dora);
        MimeMessage mail = mailTo(dora, 1).get(0);
        assertThat(part(mail, "text/plain")).endsWith("Venlig hilsen\nPlain nyt\n")
                .doesNotContain("Sendt af", "Privatlivspolitik", "\n--\n");
        assertThat(part(mail, "text/html")).doesNotContain("Sendt af", "Privatlivspolitik")
                .endsWith("<p>Venlig hilsen<br>Plain nyt</p>\n</div>\n</body>\n</html>\n");
    }

    /**
     * The HTML part of a branded Danish confirmation as a mail client without style sheets shows it (inline styles
     * only), in Chromium: target/screenshots/mail-confirmation-da-controller.png; the whole mail as received in
     * target/mails/, for SpamAssassin ({@code spamassassin -t -L}).
     */
    @Test
    void theHtmlConfirmationWithItsFooterRendersInABrowser() throws Exception {
        String form = brandedDanishListWithForm("vist");
        String eva = "eva-" + run + "@example.dk";
        signUp(form, eva);
        MimeMessage mail = mailTo(eva, 1).get(0);
        Path mails = Files.createDirectories(Path.of("target", "mails"));
        Files.writeString(mails.resolve("confirmation-da-controller.eml"), raw(mail));
        Path html = mails.resolve("confirmation-da-controller.html");
        Files.writeString(html, part(mail, "text/html"));
        try (Browser browser = Browser.open(port, "da")) {
            browser.driver().manage().window().setSize(new Dimension(480, 900));
            browser.driver().get(html.toAbsolutePath().toUri().toString());
            assertThat(browser.text()).contains("Sendt af Fisk & Co <Øst> ApS, Havnegade 1, 5970 Ærøskøbing.",
                    "Privatlivspolitik: https://fisk.example/privatliv?a=1&b=2",
                    "Spørgsmål om dine data: dpo@fisk.example");
            browser.fullScreenshot("mail-confirmation-da-controller");
        }
    }

    private void assertFooter(String kind, MimeMessage mail) throws Exception {
        assertThat(part(mail, "text/plain")).as("the %s's text part", kind).contains("Venlig hilsen\nFiskebladet\n")
                .endsWith("\n" + TEXT_FOOTER);
        assertThat(part(mail, "text/html")).as("the %s's HTML part", kind).contains("<html lang=\"da\">")
                .endsWith(HTML_FOOTER + "\n</html>\n");
    }

    private String brandedDanishListWithForm(String list) {
        Map<String, Object> brand = new HashMap<>();
        brand.put("key", "fisk");
        brand.put("name", "Fiskebladet");
        brand.put("privacyUrl", "https://fisk.example/privatliv?a=1&b=2");
        brand.put("controller", Map.of("name", "Fisk & Co <Øst> ApS", "address", "Havnegade 1, 5970 Ærøskøbing",
                "email", "dpo@fisk.example"));
        Answer created = admin.post("/api/brands", brand);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Fiskenyt", "brand", "fisk",
                "language", "da")).status()).isEqualTo(201);
        return formOf(list);
    }

    private String formOf(String list) {
        String form = list + "-form-" + run;
        assertThat(admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL"))
                .status()).isEqualTo(201);
        return form;
    }

    private void signUp(String form, String email) {
        Answer answer = anonymous.post("/f/" + form, Map.of("email", email, "consent", true));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private List<MimeMessage> mailTo(String address, int count) {
        return ReceivedMails.await(greenMail, address, count);
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    private static String part(MimeMessage message, String type) throws Exception {
        return ReceivedMails.part(message, type);
    }

    /** The whole message as received, for SpamAssassin and screenshots. */
    static String raw(MimeMessage message) {
        return GreenMailUtil.getWholeMessage(message);
    }
}
