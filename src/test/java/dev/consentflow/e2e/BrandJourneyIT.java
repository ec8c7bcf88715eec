package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.consentflow.IntegrationTest;
import dev.consentflow.engine.ChangeNotices;
import dev.consentflow.support.Api;
import dev.consentflow.support.ReceivedMails;
import dev.consentflow.support.Api.Answer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brands as a marketer sets them up and as subscribers meet them, through HTTP and the real mail at the
 * development SMTP server: two brands of one account send From their own addresses, signed with their own DKIM
 * keys that verify against the TXT records the API shows; a rotation signs with the new selector while the old
 * stays published; a brand without its own sender mails in its name from the global address; the public pages
 * show the brand, the list and the controller's facts, escaped; a list whose brand has no record keeps the global
 * sender.
 */
@IntegrationTest
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class BrandJourneyIT {

    static final String HOSTILE_NAME = "Ærø \"Fisk & Co\" <Nyheder>";
    private static final Pattern CONFIRM = Pattern.compile("/c/([A-Za-z0-9_-]{43})");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("<https?://[^>]+(/u/[A-Za-z0-9_-]{43})>");

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    ChangeNotices notices;
    @Autowired
    TransactionTemplate transactions;

    Api anonymous;
    Api admin;
    String run;

    @BeforeEach
    void clients() {
        anonymous = Api.at(port);
        admin = anonymous.as(Api.ADMIN_KEY);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void twoBrandsOfOneAccountSendFromTheirOwnAddressesSignedWithTheirOwnPublishedKeys() throws Exception {
        String acme = brand("acme-" + run, "Acme News", "acme-" + run + ".example");
        String beta = brand("beta-" + run, HOSTILE_NAME, "beta-" + run + ".example");
        JsonNode acmeKey = newKey(acme).get("dkimKeys").get(0);
        JsonNode betaKey = newKey(beta).get("dkimKeys").get(0);
        assertThat(acmeKey.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(acmeKey.get("dnsName").asText()).isEqualTo(acmeKey.get("selector").asText()
                + "._domainkey.acme-" + run + ".example");
        assertThat(acmeKey.get("dnsTxt").asText()).startsWith("v=DKIM1; k=rsa; p=MII");
        assertThat(admin.get("/api/brands/" + acme).body()).doesNotContain("PRIVATE", "privateKey");

        String toAcme = "anna." + run + "@example.dk";
        String toBeta = "bo." + run + "@example.dk";
        signUp(formOf(listOf(acme)), toAcme, Map.of());
        signUp(formOf(listOf(beta)), toBeta, Map.of());
        MimeMessage acmeMail = mailTo(toAcme, 1).get(0);
        MimeMessage betaMail = mailTo(toBeta, 1).get(0);

        InternetAddress acmeFrom = (InternetAddress) acmeMail.getFrom()[0];
        assertThat(acmeFrom.getAddress()).isEqualTo("news@acme-" + run + ".example");
        assertThat(acmeFrom.getPersonal()).isEqualTo("Acme News");
        assertThat(((InternetAddress) acmeMail.getReplyTo()[0]).getAddress()).isEqualTo("hello@acme-" + run + ".example");
        InternetAddress betaFrom = (InternetAddress) betaMail.getFrom()[0];
        assertThat(betaFrom.getAddress()).isEqualTo("news@beta-" + run + ".example");
        assertThat(betaFrom.getPersonal()).as("quotes, angle brackets and Danish letters survive RFC 2047")
                .isEqualTo(HOSTILE_NAME);
        assertThat(betaMail.getHeader("From")[0]).as("the raw header is ASCII, the name encoded").matches("\\p{ASCII}+")
                .contains("=?UTF-8?");

        Map<String, String> published = new HashMap<>();
        published.put(acmeKey.get("dnsName").asText(), acmeKey.get("dnsTxt").asText());
        published.put(betaKey.get("dnsName").asText(), betaKey.get("dnsTxt").asText());
        assertThat(signer(acmeMail, published)).isEqualTo("acme-" + run + ".example/" + acmeKey.get("selector").asText());
        assertThat(signer(betaMail, published)).isEqualTo("beta-" + run + ".example/" + betaKey.get("selector").asText());
        Map<String, String> swapped = Map.of(acmeKey.get("dnsName").asText(), betaKey.get("dnsTxt").asText());
        assertThat(verifies(acmeMail, swapped)).as("another brand's key does not verify it").isFalse();
    }

    @Test
    void aRotationSignsWithTheNewSelectorWhileTheOldStaysPublishedForItsGracePeriod() throws Exception {
        String acme = brand("rot-" + run, "Rotating Acme", "rot-" + run + ".example");
        JsonNode first = newKey(acme).get("dkimKeys").get(0);
        JsonNode rotated = newKey(acme).get("dkimKeys");
        assertThat(rotated).hasSize(2);
        assertThat(rotated.get(0).get("state").asText()).isEqualTo("ACTIVE");
        assertThat(rotated.get(0).get("selector").asText()).isNotEqualTo(first.get("selector").asText());
        assertThat(rotated.get(1).get("selector").asText()).isEqualTo(first.get("selector").asText());
        assertThat(rotated.get(1).get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(rotated.get(1).get("retireAfter").isNull()).isFalse();

        String to = "rot." + run + "@example.dk";
        signUp(formOf(listOf(acme)), to, Map.of());
        Map<String, String> published = new HashMap<>();
        rotated.forEach(k -> published.put(k.get("dnsName").asText(), k.get("dnsTxt").asText()));
        assertThat(signer(mailTo(to, 1).get(0), published))
                .isEqualTo("rot-" + run + ".example/" + rotated.get(0).get("selector").asText());
    }

    @Test
    void aListWhoseBrandHasNoRecordKeepsTheGlobalSender() throws Exception {
        String list = "plain-" + run;
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Plain", "brand", "unknown-" + run)).status())
                .isEqualTo(201);
        String to = "plain." + run + "@example.dk";
        signUp(formOf(list), to, Map.of());
        MimeMessage mail = mailTo(to, 1).get(0);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("noreply@localhost");
        assertThat(mail.getHeader("Reply-To")).isNull();
        assertThat(anonymous.get("/f/" + list + "-form").body()).doesNotContain("<footer");
    }

    @Test
    void aBrandWithoutItsOwnSenderMailsInItsNameFromTheGlobalAddressInTheListsLanguage() throws Exception {
        String brand = brand("named-" + run, "Fisk & Co", null);
        String danish = "named-da-" + run;
        String english = "named-en-" + run;
        assertThat(admin.post("/api/lists", Map.of("key", danish, "name", "Fiskenyt", "brand", brand,
                "language", "da")).status()).isEqualTo(201);
        assertThat(admin.post("/api/lists", Map.of("key", english, "name", "Fish News", "brand", brand,
                "language", "en")).status()).isEqualTo(201);
        String toDanish = "named.da." + run + "@example.dk";
        String toEnglish = "named.en." + run + "@example.dk";
        signUp(formOf(danish), toDanish, Map.of());
        signUp(formOf(english), toEnglish, Map.of());

        MimeMessage confirmation = mailTo(toDanish, 1).get(0);
        inTheBrandsName(confirmation, "Venlig hilsen");
        assertThat(header(confirmation, "Subject")).isEqualTo("Bekræft din tilmelding til Fiskenyt");
        inTheBrandsName(mailTo(toEnglish, 1).get(0), "Best regards,");

        assertThat(anonymous.postForm(find(CONFIRM, body(confirmation)), "").status()).isEqualTo(200);
        MimeMessage welcome = mailTo(toDanish, 2).stream().filter(m -> header(m, "Subject").startsWith("Velkommen"))
                .findFirst().orElseThrow();
        inTheBrandsName(welcome, "Venlig hilsen");
    }

    /** From the brand's name on the global address, signed off with the brand's name in both parts. */
    private static void inTheBrandsName(MimeMessage mail, String signOff) throws Exception {
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Fisk & Co");
        assertThat(from.getAddress()).as("the global sender's address").isEqualTo("noreply@localhost");
        var parts = (jakarta.mail.internet.MimeMultipart) mail.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text.replace("\r\n", "\n")).contains("\n" + signOff + "\nFisk & Co\n");
        assertThat(html).contains("<p>" + signOff + "<br>Fisk &amp; Co</p>");
    }

    @Test
    void thePublicPagesShowTheBrandTheListAndTheControllerEscaped() throws Exception {
        String beta = brand("pages-" + run, HOSTILE_NAME, null);
        String list = listOf(beta);
        String form = formOf(list);

        Answer page = anonymous.get("/f/" + form);
        assertThat(page.status()).isEqualTo(200);
        String escapedName = "Ærø &quot;Fisk &amp; Co&quot; &lt;Nyheder&gt;";
        assertThat(page.body()).contains("<p class=\"cf-brand-name\">" + escapedName + "</p>",
                "<p class=\"cf-list\">Næste nyt fra " + escapedName + "</p>",
                "<img class=\"cf-logo\" src=\"https://cdn.example/logo.png\"",
                "button{background:#0b6e4f;color:#fff}",
                "Data controller: <strong>Fisk &amp; Co ApS</strong>, Havnegade 1, 5970 Ærøskøbing",
                "<a href=\"mailto:dpo@fisk.example\">dpo@fisk.example</a>",
                "<a href=\"https://fisk.example/privacy?a=1&amp;b=2\">")
                .doesNotContain("<Nyheder>", "\"Fisk & Co\"");
        assertThat(page.body().split("<h1>", -1)).hasSize(2);
        assertThat(page.header("Content-Security-Policy")).contains("img-src https://cdn.example;");

        String to = "pages." + run + "@example.dk";
        signUp(form, to, Map.of("firstName", "Søren Ærbø Åsted"));
        assertThat(anonymous.get("/f/" + form + "/thanks").body()).contains(escapedName)
                .doesNotContain("<footer");
        MimeMessage confirmation = mailTo(to, 1).get(0);
        String confirm = find(CONFIRM, body(confirmation));
        String look = anonymous.get(confirm).body();
        assertThat(look).contains("<p class=\"cf-list\">Næste nyt fra " + escapedName + "</p>", escapedName);
        assertThat(anonymous.postForm(confirm, "").body()).contains("Subscription confirmed", escapedName);

        MimeMessage welcome = mailTo(to, 2).stream().filter(m -> header(m, "Subject").startsWith("Welcome"))
                .findFirst().orElseThrow();
        String unsubscribe = find(UNSUBSCRIBE, welcome.getHeader("List-Unsubscribe")[0]);
        String choice = anonymous.get(unsubscribe).body();
        assertThat(choice).contains(escapedName, "Data controller: <strong>Fisk &amp; Co ApS</strong>",
                "mailto:dpo@fisk.example", "https://fisk.example/privacy?a=1&amp;b=2");
        String done = anonymous.postForm(unsubscribe, "scope=LIST").body();
        assertThat(done).contains("You are unsubscribed", escapedName, "<footer class=\"cf-controller\">");

        JsonNode card = admin.get("/api/contacts?email=" + to).json();
        assertThat(card.toString()).contains("Søren Ærbø Åsted");
    }

    /**
     * The pages keep a brand as read while no change was heard of since: a change of a brand's row that notifies
     * nobody (as no client of the table can make one) is not seen, a change made here is seen at once, and one made
     * elsewhere (another node: straight into the table) as soon as its notice has arrived.
     */
    @Test
    void aPageKeepsItsBrandUntilAChangeHereOrOnAnotherNodeIsHeardOf() {
        String key = brand("kept-" + run, "Kept Brand", null);
        String form = formOf(listOf(key));
        assertThat(anonymous.get("/f/" + form).body()).contains("<p class=\"cf-brand-name\">Kept Brand</p>");
        await().atMost(Duration.ofSeconds(30)).until(() -> notices.generation("consentflow_brands") >= 0);
        assertThat(anonymous.get("/f/" + form).body()).contains("<p class=\"cf-brand-name\">Kept Brand</p>");

        transactions.executeWithoutResult(status -> {
            // The trigger is off only inside this transaction: nobody else ever sees it off.
            jdbc.sql("alter table brands_brand disable trigger brands_brand_changed").update();
            jdbc.sql("update brands_brand set display_name = 'Unheard' where brand_key = :key").param("key", key)
                    .update();
            jdbc.sql("alter table brands_brand enable trigger brands_brand_changed").update();
        });
        assertThat(anonymous.get("/f/" + form).body()).as("kept: the change was never heard of")
                .contains("<p class=\"cf-brand-name\">Kept Brand</p>");

        assertThat(admin.put("/api/brands/" + key, Map.of("name", "Changed Here")).status()).isEqualTo(200);
        assertThat(anonymous.get("/f/" + form).body()).contains("<p class=\"cf-brand-name\">Changed Here</p>");

        jdbc.sql("update brands_brand set display_name = 'Changed Elsewhere' where brand_key = :key")
                .param("key", key).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> anonymous.get("/f/" + form).body(),
                body -> body.contains("<p class=\"cf-brand-name\">Changed Elsewhere</p>"));
    }

    @Test
    void anErasedPersonsResubscriptionConfirmationComesFromTheListsBrandAndItsPageShowsTheBrand() throws Exception {
        String brand = brand("back-" + run, "Back Again News", "back-" + run + ".example");
        String list = listOf(brand);
        String email = "back." + run + "@example.dk";
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.50", "at", "2025-11-29T10:00:00Z"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String tombstone = subscribed.json().get("subscriberId").asText();
        assertThat(admin.post("/api/contacts/" + tombstone + "/erase", Map.of("reason", "asked")).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/contacts/" + tombstone).json()
                .get("permission").asText(), "DELETED"::equals);

        Answer back = admin.post("/api/contacts/" + tombstone + "/resubscribe", Map.of("list", list, "email", email));
        assertThat(back.status()).as(back.body()).isEqualTo(202);
        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email, 1).stream()
                .filter(m -> header(m, "Subject").startsWith("Confirm that you want")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();

        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("news@back-" + run + ".example");
        assertThat(from.getPersonal()).isEqualTo("Back Again News");
        assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo("hello@back-" + run + ".example");
        String look = anonymous.get(find(CONFIRM, body(mail))).body();
        assertThat(look).contains("<p class=\"cf-brand-name\">Back Again News</p>",
                "<p class=\"cf-list\">Næste nyt fra Back Again News</p>", "<img class=\"cf-logo\"");
    }

    @Test
    void aDanishLocalPartSurvivesThePagesAndWaitsForARelayThatOffersSmtpUtf8() {
        String list = listOf(brand("utf8-" + run, HOSTILE_NAME, "utf8-" + run + ".example"));
        String form = formOf(list);
        String email = "søren.ærbø." + run + "@example.dk";
        String encoded = java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8);

        Answer again = anonymous.postForm("/f/" + form, "email=" + encoded + "&firstName=%C3%85se");
        assertThat(again.status()).as("no consent: the form again, with what was typed").isEqualTo(400);
        assertThat(again.body()).contains("value=\"" + email + "\"", "value=\"Åse\"");
        signUp(form, email, Map.of("firstName", "Åse Ærbø"));

        JsonNode card = admin.get("/api/contacts?email=" + encoded).json();
        assertThat(card.toString()).contains(email, "Åse Ærbø");
        String subscriber = card.get(0).get("subscriberId").asText();
        Map<String, Object> row = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select state, relay_answer from dispatch_outbox where subscriber_id = cast(:id as uuid)")
                .param("id", subscriber).query().listOfRows(), rows -> rows.size() == 1
                        && "HARD_FAIL".equals(rows.get(0).get("state"))).get(0);
        assertThat((String) row.get("relay_answer")).as("GreenMail does not offer SMTPUTF8").contains("SMTPUTF8");
        assertThat(admin.get("/api/contacts?email=" + encoded).body()).as("not the address's fault")
                .doesNotContain("BOUNCED");
    }

    @Test
    void badBrandsAreRefusedWithProblemsAndKeysAreUniquePerAccount() {
        Answer bad = admin.post("/api/brands", Map.of("key", "bad " + run, "name", "",
                "logoUrl", "http://cdn.example/logo.png", "color", "red",
                "from", Map.of("address", "news@other.example"), "domain", "acme.example",
                "controller", Map.of("email", "not an address")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").toString()).contains("\"key\"", "\"name\"", "\"logoUrl\"",
                "\"color\"", "\"from.address\"", "\"controller.email\"");

        String key = brand("dup-" + run, "Dup", null);
        Answer again = admin.post("/api/brands", Map.of("key", key, "name", "Dup again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/api/brands/none-" + run).status()).isEqualTo(404);
        assertThat(admin.put("/api/brands/none-" + run, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(admin.post("/api/brands/" + key + "/dkim", Map.of()).status())
                .as("no sending domain, no key").isEqualTo(409);

        Answer changed = admin.put("/api/brands/" + key, Map.of("name", "Dup renamed", "color", "#ABCDEF"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("color").asText()).isEqualTo("#abcdef");
        assertThat(admin.get("/api/brands").json().toString()).contains("Dup renamed");
        assertThat(anonymous.get("/api/brands").status()).isEqualTo(401);
    }

    // --- helpers ---

    private String brand(String key, String name, String domain) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", name);
        body.put("logoUrl", "https://cdn.example/logo.png");
        body.put("color", "#0B6E4F");
        body.put("privacyUrl", "https://fisk.example/privacy?a=1&b=2");
        body.put("controller", Map.of("name", "Fisk & Co ApS", "address", "Havnegade 1, 5970 Ærøskøbing",
                "email", "dpo@fisk.example"));
        if (domain != null) {
            body.put("from", Map.of("name", name, "address", "news@" + domain));
            body.put("replyTo", "hello@" + domain);
            body.put("domain", domain);
        }
        Answer created = admin.post("/api/brands", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return key;
    }

    private JsonNode newKey(String brand) {
        Answer answer = admin.post("/api/brands/" + brand + "/dkim", Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("dnsTxt").asText()).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(answer.json().get("dnsName").asText()).startsWith(answer.json().get("selector").asText() + "._domainkey.");
        return admin.get("/api/brands/" + brand).json();
    }

    private String listOf(String brand) {
        String name = "Næste nyt fra " + admin.get("/api/brands/" + brand).json().get("name").asText();
        Answer list = admin.post("/api/lists", Map.of("key", brand.toLowerCase() + "-news", "name", name,
                "brand", brand));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        return brand.toLowerCase() + "-news";
    }

    private String formOf(String list) {
        Answer form = admin.post("/api/forms", Map.of("key", list + "-form", "lists", List.of(list),
                "channel", "EMAIL", "fields", List.of("firstName")));
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        return list + "-form";
    }

    private void signUp(String form, String email, Map<String, String> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("email", email);
        body.put("consent", true);
        Answer answer = anonymous.post("/f/" + form, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private List<MimeMessage> mailTo(String address, int atLeast) {
        return ReceivedMails.await(greenMail, address, atLeast);
    }

    private static String header(MimeMessage message, String name) {
        try {
            return MimeUtility.decodeText(message.getHeader(name)[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String body(MimeMessage message) throws Exception {
        return new String(raw(message), java.nio.charset.StandardCharsets.ISO_8859_1).replace("=\r\n", "");
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1).startsWith("/") ? matcher.group(1) : "/c/" + matcher.group(1);
    }

    /** d=/s= of the one signature that verifies against the published TXT records. */
    private static String signer(MimeMessage message, Map<String, String> published) throws Exception {
        List<SignatureRecord> signatures = verifier(published).verify(new ByteArrayInputStream(raw(message)));
        assertThat(signatures).hasSize(1);
        return signatures.get(0).getDToken() + "/" + signatures.get(0).getSelector();
    }

    private static boolean verifies(MimeMessage message, Map<String, String> published) {
        try {
            return !verifier(published).verify(new ByteArrayInputStream(raw(message))).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static DKIMVerifier verifier(Map<String, String> published) {
        return new DKIMVerifier((method, selector, domain) -> {
            String value = published.get(selector + "._domainkey." + domain);
            return value == null ? List.of() : List.of(value);
        });
    }

    private static byte[] raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @SuppressWarnings("unused")
    private static List<JsonNode> all(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
