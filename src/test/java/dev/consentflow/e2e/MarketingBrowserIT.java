package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Browser;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The marketing screens in a real browser: lists, forms, templates and campaigns, with axe-core on every page and
 * screenshots. A second browser plays the person who signs up; the marketer's pages move without a reload.
 */
@IntegrationTest
class MarketingBrowserIT {

    private static final Pattern CLICK = Pattern.compile("https?://[^\"\\s]+(/t/c/[A-Za-z0-9_-]{22}0)");
    private static final String PASSWORD = "correct horse battery staple";
    private static final String OFFER = "https://shop.example/offer";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Api anonymous;
    Api admin;
    Browser browser;
    /** One browser for the class's tests, {@link Browser#reset() reset} before each (a Chromium start costs seconds). */
    static Browser shared;

    @BeforeEach
    void accountAndBrowser() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous);
        browser = shared == null ? (shared = Browser.open(port, "en")) : shared.reset();
    }

    @AfterAll
    static void closeBrowserAndPrintAxeResults() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
        System.out.println("axe-core serious/critical violations per marketing page: " + Browser.AXE_RESULTS);
    }

    @Test
    void aSignupThroughANewFormMovesTheListsCountsWhileTheMarketerWatches() {
        browser.signIn(join("MARKETER"), PASSWORD).go("/app/lists").accessible("lists (none)");
        browser.type("#list-key", "news").type("#list-name", "Acme News").submit("#new-list-form button");
        assertThat(browser.path()).isEqualTo("/app/lists/news?created");
        assertThat(browser.heading()).isEqualTo("Acme News");
        browser.accessible("list").screenshot("marketing-list-en");
        browser.type("#list-name", "Acme Newsletter").submit("form[action$='/app/lists/news'] button");
        assertThat(browser.heading()).isEqualTo("Acme Newsletter");

        String formKey = "news-" + UUID.randomUUID().toString().substring(0, 8);
        browser.go("/app/forms").accessible("forms (none)");
        browser.type("#form-key", formKey).type("#form-fields", "firstName").type("#form-title", "Acme news")
                .submit("main form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/app/forms/" + formKey + "?created");
        assertThat(browser.find("#embed-snippet").getAttribute("value"))
                .startsWith("<script src=\"http").endsWith("/f/" + formKey + "/embed.js\"></script>");
        assertThat(browser.find("iframe.form-preview").getAttribute("src")).endsWith("/f/" + formKey);
        browser.driver().switchTo().frame(browser.find("iframe.form-preview"));
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Acme news");
        browser.driver().switchTo().defaultContent();
        browser.accessible("form").fullScreenshot("marketing-form-en");

        browser.go("/app/lists").accessible("lists");
        // The counts are swapped in every 3 s: each read finds the cell again (a kept one may be gone).
        await().atMost(PATIENCE).ignoreExceptions().until(() -> count("news", "pending"), "0"::equals);
        String person = "ida-" + UUID.randomUUID() + "@example.dk";
        try (Browser visitor = Browser.open(port, "da,en")) {
            visitor.go("/f/" + formKey).type("#cf-email", person).type("#cf-firstName", "Ida").click("#cf-consent")
                    .submit("form button[type=submit]");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> count("news", "pending").equals("1"));
            browser.screenshot("marketing-lists-en");

            JsonNode confirmation = DevMailbox.of(anonymous).awaitMail(person, "");
            visitor.go(DevMailbox.confirmationPath(confirmation)).submit("form button[type=submit]");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> count("news", "confirmed").equals("1")
                    && count("news", "pending").equals("0"));
        }

        browser.go("/app/forms/" + formKey);
        assertThat(browser.find("#form-conversion .posts").getText()).isEqualTo("1");
        assertThat(browser.find("#form-conversion .confirmations").getText()).isEqualTo("1");
        assertThat(browser.find("#form-conversion .expiries").getText()).isEqualTo("0");
        browser.type("#form-consent", "Yes, send me Acme news by email. I can withdraw at any time.")
                .submit("form[action$='/app/forms/" + formKey + "'] button");
        assertThat(browser.text()).contains("Saved as version 2");
        browser.go("/app/lists/news").accessible("list with a week").fullScreenshot("marketing-list-weeks-en");
        assertThat(browser.find("table.small-table tbody tr:last-child td:nth-child(2)").getText()).isEqualTo("1");
    }

    @Test
    void aCampaignSentWithADoubleClickGoesOutOnceAndItsChartShowsTheClick() {
        String marketer = join("MARKETER");
        // The list turns tracking on (off by default): the chart below shows a tracked click.
        assertThat(admin.post("/api/lists", Map.of("key", "offers", "name", "Offers", "tracking", true)).status())
                .isEqualTo(201);
        String ada = confirmed("ada", "Ada");
        String ben = confirmed("ben", "Ben");

        browser.signIn(marketer, PASSWORD).go("/app/templates").accessible("templates (none)");
        browser.submit("#new-template");
        browser.accessible("new template");
        browser.type("#template-key", "november").type("#template-subject", "Hello {{firstName}}")
                .type("#template-html", "<p>Hi {{firstName}} {{surname}}, <a href=\"" + OFFER + "\">see the offer</a></p>")
                .type("#template-text", "Hi {{firstName}}, see the offer: " + OFFER);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> !browser.all("#unknown-placeholders").isEmpty()
                && browser.find("#unknown-placeholders").getText().contains("{{surname}}"));
        assertThat(browser.find("#preview-subject").getText()).isEqualTo("Hello Anna");
        browser.accessible("new template, unknown placeholder").screenshot("marketing-template-warning-en");
        browser.type("#template-html", "<p>Hi {{firstName}}, <a href=\"" + OFFER + "\">see the offer</a></p>");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.all("#unknown-placeholders").isEmpty());
        browser.submit("#template-form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/app/templates/november?created");
        browser.accessible("template").fullScreenshot("marketing-template-en");
        browser.submit("#send-test");
        assertThat(browser.text()).contains("The test is on its way to " + marketer);
        JsonNode test = DevMailbox.of(anonymous).awaitMail(marketer, "[Test] Hello Anna");
        assertThat(unfolded(test.get("body").asText())).contains("Hi Anna", OFFER);

        // A template whose placeholder nothing fills is refused at send, by the API as by the console.
        assertThat(admin.post("/api/templates", Map.of("key", "broken", "subject", "Hi {{nickname}}",
                "html", "<p>Hi</p>", "text", "Hi")).status()).isEqualTo(201);
        String broken = admin.post("/api/campaigns", Map.of("name", "Broken", "list", "offers", "template", "broken"))
                .json().get("id").asText();
        Answer refused = admin.post("/api/campaigns/" + broken + "/send", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("nickname");

        // A send time is entered in the reader's zone, the one every page shows times in (here the browser's).
        String later = admin.post("/api/campaigns", Map.of("name", "Later", "list", "offers", "template", "november"))
                .json().get("id").asText();
        browser.timeZone("Europe/Copenhagen").go("/app/campaigns/" + later);
        browser.go("/app/campaigns/" + later);
        assertThat(browser.find("label[for=schedule-at]").getText()).isEqualTo("Send at (Europe/Copenhagen)");
        assertThat(browser.find("#campaign-list").getText()).isEqualTo("Offers");
        browser.driver().executeScript("document.getElementById('schedule-at').value = '2030-01-05T09:00'");
        browser.submit("form[action$='/schedule'] button");
        JsonNode scheduled = StreamSupport.stream(admin.get("/api/campaigns").json().spliterator(),
                false).filter(c -> later.equals(c.get("id").asText())).findFirst().orElseThrow();
        assertThat(Instant.parse(scheduled.get("scheduledFor").asText()))
                .isEqualTo(Instant.parse("2030-01-05T08:00:00Z"));
        assertThat(browser.find("#scheduled").getText()).endsWith("2030-01-05 09:00:00 CET");
        assertThat(browser.find("#schedule-at").getAttribute("value")).isEqualTo("2030-01-05T09:00");
        browser.driver().executeScript("document.getElementById('schedule-at').value = ''");
        browser.submit("form[action$='/schedule'] button");
        browser.timeZone("UTC").go("/app/campaigns");

        browser.go("/app/campaigns").accessible("campaigns");
        browser.type("#campaign-name", "November offer");
        new Select(browser.find("#campaign-template")).selectByValue("november");
        browser.submit("form.row-form button");
        String page = browser.path().replace("?created", "");
        assertThat(page).startsWith("/app/campaigns/");
        browser.accessible("campaign (draft)");
        browser.submit("#send");
        assertThat(browser.find("#audience").getText()).contains("2 people");
        browser.accessible("send confirmation").screenshot("marketing-campaign-confirm-en");

        browser.driver().executeScript("window.__consentflowLeaving = true");
        new Actions(browser.driver()).doubleClick(browser.find("#confirm-send")).perform();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> Boolean.TRUE.equals(browser.driver().executeScript(
                "return window.__consentflowLeaving === undefined && document.readyState === 'complete'")));
        assertThat(browser.path()).as(browser.text()).startsWith(page).doesNotContain("/send");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.find("#percent").getText().equals("100 %"));
        // Every recipient settled: the campaign closes at the broadcast's next look at the ledger.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.find("#campaign-state").getText()
                .equals("Sent"));
        assertThat(browser.find("#progress .sent").getText()).isEqualTo("2");
        browser.accessible("campaign (sent)").screenshot("marketing-campaign-progress-en");
        String id = page.substring("/app/campaigns/".length());
        assertThat(admin.get("/api/campaigns/" + id).json().get("sent").asLong()).isEqualTo(2);
        assertThat(DevMailbox.of(anonymous).mails(ada, "Hello Ada")).hasSize(1);
        assertThat(DevMailbox.of(anonymous).mails(ben, "Hello Ben")).hasSize(1);

        Matcher click = CLICK.matcher(unfolded(DevMailbox.of(anonymous).awaitMail(ada, "Hello Ada")
                .get("body").asText()));
        assertThat(click.find()).isTrue();
        assertThat(anonymous.get(click.group(1)).status()).isEqualTo(302);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> !browser.all("#links-table .link-clicks").isEmpty()
                && browser.find("#links-table .link-clicks").getText().equals("1"));
        // The statistics are swapped in every 5 s: read them again until a swapped-in copy is drawn.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.find("#timeline-table").getText()
                .contains("Clicks") && browser.all("canvas[data-drawn]").size() == 2);
        browser.accessible("campaign (charts)").fullScreenshot("marketing-campaign-charts-en");
        JsonNode statistics = admin.get("/api/campaigns/" + id + "/statistics").json();
        assertThat(statistics.get("links").get(0).get("clicks").asLong()).isEqualTo(1);

        browser.submit("header button[value=da]");
        assertThat(browser.find("#campaign-state").getText()).isEqualTo("Sendt");
        browser.accessible("campaign (da)").fullScreenshot("marketing-campaign-da");
        browser.go("/app/campaigns").accessible("campaigns (da)").screenshot("marketing-campaigns-da");
        browser.go("/app/templates/november").accessible("template (da)");
        browser.go("/app/lists").accessible("lists (da)");
        browser.go("/app/forms").accessible("forms (da)");
    }

    @Test
    void aMarketerSetsUpABrandWithItsDkimRecordAndGivesAListItsBrandLanguageTrackingAndOwnConfirmation() {
        browser.signIn(join("MARKETER"), PASSWORD).go("/app/brands").accessible("brands (none)");
        browser.submit("#new-brand");
        assertThat(browser.path()).isEqualTo("/app/brands/new");
        browser.accessible("new brand");

        // Bad input: the form comes back as typed, each field with its problem, and nothing is written.
        browser.type("#brand-key", "acme").type("#brand-name", "Acme News")
                .type("#brand-logoUrl", "http://cdn.acme.example/logo.png").type("#brand-color", "green")
                .type("#brand-controllerName", "Acme ApS").type("#brand-controllerAddress", "Havnegade 1, 1058 København K")
                .type("#brand-controllerEmail", "dpo@acme.example").type("#brand-privacyUrl", "https://acme.example/privacy")
                .type("#brand-fromName", "Acme News").type("#brand-fromAddress", "news@other.example")
                .type("#brand-domain", "acme.example").submit("#brand-form button[type=submit]");
        assertThat(browser.all("#brand-problems li")).hasSize(3);
        assertThat(browser.find("#brand-logoUrl-error").getText()).contains("https");
        assertThat(browser.find("#brand-color-error").getText()).contains("#0a6640");
        assertThat(browser.find("#brand-fromAddress-error").getText()).contains("sending domain");
        assertThat(browser.find("#brand-color").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#brand-controllerAddress").getAttribute("value")).isEqualTo("Havnegade 1, 1058 København K");
        browser.accessible("new brand, refused").fullScreenshot("brands-refused-en");
        assertThat(admin.get("/api/brands").json()).isEmpty();

        browser.type("#brand-logoUrl", "https://cdn.acme.example/logo.png").type("#brand-color", "#0a6640")
                .type("#brand-fromAddress", "news@acme.example").submit("#brand-form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/app/brands/acme?created");
        assertThat(browser.heading()).isEqualTo("Acme News");
        assertThat(browser.find("#dkim-title").getText()).isEqualTo("DKIM signing key");
        browser.accessible("brand");

        // The DKIM key: the page shows the record to publish, as the API does.
        browser.submit("#new-dkim-key");
        assertThat(browser.path()).startsWith("/app/brands/acme?dkim=");
        JsonNode key = admin.get("/api/brands/acme").json().get("dkimKeys").get(0);
        assertThat(browser.find("li.new-key .dns-name").getText()).isEqualTo(key.get("dnsName").asText())
                .endsWith("._domainkey.acme.example");
        assertThat(browser.find("li.new-key textarea.dns-txt").getAttribute("value"))
                .isEqualTo(key.get("dnsTxt").asText()).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(browser.find("li.new-key .badge").getText()).isEqualTo("Signs");
        browser.driver().executeScript("window.scrollTo(0, 0)");
        browser.accessible("brand with a DKIM key").fullScreenshot("brands-brand-en");
        browser.go("/app/brands").accessible("brands");
        assertThat(browser.find("tr[data-brand=acme]").getText()).contains("Acme News", "news@acme.example", "Signs");
        browser.screenshot("brands-en");

        // A list takes a brand of the account, a language and tracking.
        browser.go("/app/lists").type("#list-key", "nyheder").type("#list-name", "Acme Nyheder")
                .choose("#list-brand", "acme").choose("#list-language", "da").click("#list-track-clicks")
                .submit("#new-list-form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/app/lists/nyheder?created");
        JsonNode list = list("nyheder");
        assertThat(list.get("brand").asText()).isEqualTo("acme");
        assertThat(list.get("language").asText()).isEqualTo("da");
        assertThat(list.get("trackClicks").asBoolean()).isTrue();
        assertThat(list.get("trackOpens").asBoolean()).isFalse();
        assertThat(browser.find("#list-language-now").getText()).isEqualTo("Danish");
        assertThat(browser.find("#list-tracking-now").getText()).isEqualTo("Clicks");
        assertThat(browser.find("#list-brand-now").getText()).isEqualTo("Acme News");
        browser.accessible("list with settings").fullScreenshot("lists-settings-en");
        browser.go("/app/lists");
        assertThat(browser.find("tr[data-list=nyheder] td").getText()).isEqualTo("Acme Nyheder Acme News");
        browser.go("/app/lists/nyheder");

        // A name the server refuses (the browser's own check is off here): the field says so, nothing changes.
        browser.driver().executeScript("document.getElementById('list-settings').noValidate = true");
        browser.type("#list-name", " ").choose("#list-language", "en").submit("#list-settings button[type=submit]");
        assertThat(browser.find("#list-name-error").getText()).contains("200 characters");
        assertThat(browser.find("#list-language option:checked").getAttribute("value")).isEqualTo("en");
        browser.accessible("list settings, refused");
        assertThat(list("nyheder").get("language").asText()).isEqualTo("da");

        // The list's own confirmation mail: built-in Danish first; a wording without the link is refused.
        browser.go("/app/lists/nyheder");
        assertThat(browser.find("tr[data-kind=confirmation] .wording").getText()).isEqualTo("Built-in text (Danish)");
        browser.submit("tr[data-kind=confirmation] a");
        assertThat(browser.path()).isEqualTo("/app/lists/nyheder/messages/confirmation");
        assertThat(browser.find("#mail-subject").getAttribute("value")).isNotBlank();
        browser.accessible("list mail (built-in)");
        browser.type("#mail-subject", "Bekræft din tilmelding til {{listName}}")
                .type("#mail-html", "<p>Tak fordi du vil have {{listName}}.</p>")
                .type("#mail-text", "Tak fordi du vil have {{listName}}. Bekræft her: {{confirmUrl}}");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.find("#preview-subject").getText()
                .equals("Bekræft din tilmelding til Acme Nyheder") && !browser.all("#preview-problems").isEmpty());
        browser.submit("#mail-form button[type=submit]");
        assertThat(browser.find("#mail-html-error").getText()).contains("{{confirmUrl}}");
        assertThat(browser.all("#mail-text-error")).isEmpty();
        browser.accessible("list mail, refused").fullScreenshot("list-mail-refused-en");
        assertThat(admin.get("/api/lists/nyheder/messages/confirmation").json().get("builtIn").asBoolean()).isTrue();

        browser.type("#mail-html", "<p>Tak fordi du vil have {{listName}}. <a href=\"{{confirmUrl}}\">Bekræft</a></p>");
        browser.submit("#mail-form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/app/lists/nyheder/messages/confirmation?saved");
        assertThat(browser.find("#wording-state").getText()).isEqualTo("Your own wording");
        JsonNode saved = admin.get("/api/lists/nyheder/messages/confirmation").json();
        assertThat(saved.get("builtIn").asBoolean()).isFalse();
        assertThat(saved.get("subject").asText()).isEqualTo("Bekræft din tilmelding til {{listName}}");
        assertThat(browser.find("#preview-text").getText()).doesNotContain(":0/")
                .contains("http://localhost:8080/c/");
        browser.accessible("list mail (own)").fullScreenshot("list-mail-en");
        browser.submit("#reset-mail");
        assertThat(browser.path()).isEqualTo("/app/lists/nyheder/messages/confirmation?reset");
        assertThat(admin.get("/api/lists/nyheder/messages/confirmation").json().get("builtIn").asBoolean()).isTrue();

        browser.submit("header button[value=da]");
        assertThat(browser.heading()).isEqualTo("Bekræftelse");
        browser.accessible("list mail (da)").fullScreenshot("list-mail-da");
        browser.go("/app/brands/acme").accessible("brand (da)").fullScreenshot("brands-brand-da");
        browser.go("/app/brands").accessible("brands (da)");
        browser.go("/app/lists/nyheder").accessible("list with settings (da)").fullScreenshot("lists-settings-da");
        assertThat(browser.find("#list-language-now").getText()).isEqualTo("Dansk");
    }

    @Test
    void complianceReadsTheBrandsButChangesNothing() {
        assertThat(admin.post("/api/brands", Map.of("key", "acme", "name", "Acme News",
                "controller", Map.of("name", "Acme ApS", "email", "dpo@acme.example"))).status()).isEqualTo(201);
        browser.signIn(join("COMPLIANCE"), PASSWORD).go("/app/brands").accessible("brands (compliance)");
        assertThat(browser.all("#new-brand")).isEmpty();
        browser.go("/app/brands/acme").accessible("brand (compliance)");
        assertThat(browser.all("#brand-form")).isEmpty();
        assertThat(browser.find("#brand-read").getText()).contains("Acme ApS", "dpo@acme.example");
        browser.go("/app/brands/new");
        assertThat(browser.heading()).isEqualTo("Not allowed");
        browser.go("/app/lists");
        assertThat(browser.heading()).isEqualTo("Not allowed");
    }

    private JsonNode list(String key) {
        for (JsonNode list : admin.get("/api/lists").json()) {
            if (list.get("key").asText().equals(key)) {
                return list;
            }
        }
        throw new AssertionError("no list " + key);
    }

    private String count(String list, String status) {
        return browser.find("tr[data-list=" + list + "] ." + status).getText();
    }

    private String confirmed(String who, String firstName) {
        String email = who + "-" + UUID.randomUUID() + "@example.dk";
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", "offers",
                "confirmed", true, "ip", "203.0.113.7", "at", "2026-11-29T10:00:00Z",
                "fields", Map.of("firstName", firstName)));
        assertThat(subscribed.status()).isEqualTo(201);
        return email;
    }

    private String join(String role) {
        return browser.join(admin, role, PASSWORD);
    }

    private static String unfolded(String text) {
        return text.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=").replaceAll("\r?\n[ \t]*", "").strip();
    }
}
