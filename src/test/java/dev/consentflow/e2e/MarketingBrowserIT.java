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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

    @BeforeEach
    void accountAndBrowser() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous);
        browser = Browser.open(port, "en");
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @AfterAll
    static void axeResults() {
        System.out.println("axe-core serious/critical violations per marketing page: " + Browser.AXE_RESULTS);
    }

    @Test
    void aSignupThroughANewFormMovesTheListsCountsWhileTheMarketerWatches() {
        browser.signIn(join("MARKETER"), PASSWORD).go("/app/lists").accessible("lists (none)");
        browser.type("#list-key", "news").type("#list-name", "Acme News").type("#list-brand", "acme")
                .submit("form.row-form button");
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
        assertThat(count("news", "pending")).isEqualTo("0");
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
        assertThat(browser.find("#timeline-table").getText()).contains("Clicks");
        assertThat(browser.all("canvas[data-drawn]")).hasSize(2);
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
