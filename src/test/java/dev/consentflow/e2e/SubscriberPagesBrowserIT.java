package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Browser;
import dev.consentflow.support.DevMailbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The pages a subscriber meets, as a person sees them in headless Chromium, in Danish and in English, for a list
 * with a brand record and one without: the form refusing a wrong address, the thank-you page, the confirmation
 * mail's HTML, the confirm button, confirmed, already confirmed, the unsubscribe choice and its answer, and the
 * invalid confirmation and unsubscribe links. Every page: the list's language in {@code lang}, the brand (or the
 * list's name) on top where the page is about a known list, no horizontal scrolling at a phone's width, and no
 * serious or critical axe-core violation. Screenshots go to {@code target/screenshots/subscriber-*.png}.
 */
@IntegrationTest
// The same properties as the other signup journeys, so their Spring context serves this class too.
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class SubscriberPagesBrowserIT {

    private static final Pattern UNSUBSCRIBE_HEADER = Pattern.compile("<https?://[^>]+(/u/[A-Za-z0-9_-]{43})>");
    /** A phone's CSS width (iPhone SE); nothing on a page may need more. */
    private static final int PHONE = 375;

    @LocalServerPort
    int port;

    Api admin;
    String run;
    SoftAssertions soft;
    static Browser shared;
    Browser browser;

    @BeforeEach
    void open() {
        admin = Api.at(port).as(Api.ADMIN_KEY);
        run = UUID.randomUUID().toString().substring(0, 8);
        soft = new SoftAssertions();
        browser = shared == null ? (shared = Browser.open(port, "en")) : shared.reset();
    }

    @AfterAll
    static void closeBrowser() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    @ParameterizedTest(name = "{0}, branded {1}")
    @CsvSource({"da, true", "en, true", "da, false", "en, false"})
    void everyPageOfASignupAndAnUnsubscribeReadsRightInTheListsLanguageAndFrame(String language, boolean branded) {
        Words words = Words.of(language);
        String name = (branded ? "brand-" : "plain-") + language;
        String brand = "fisk-" + run;
        if (branded) {
            Answer created = admin.post("/api/brands", Map.of("key", brand, "name", "Fisk & Co",
                    "color", "#0b6e4f", "privacyUrl", "https://fisk.example/privacy",
                    "controller", Map.of("name", "Fisk & Co ApS", "email", "dpo@fisk.example",
                            "address", "Havnegade 1, 1058 København K")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        String list = "news-" + run;
        String listName = language.equals("da") ? "Fiskenyt" : "Fish News";
        Answer madeList = admin.post("/api/lists", branded
                ? Map.of("key", list, "name", listName, "brand", brand, "language", language)
                : Map.of("key", list, "name", listName, "language", language));
        assertThat(madeList.status()).as(madeList.body()).isEqualTo(201);
        String form = list + "-form";
        Answer madeForm = admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL",
                "fields", List.of("firstName"), "title", listName));
        assertThat(madeForm.status()).as(madeForm.body()).isEqualTo(201);
        String email = "sub." + run + "@example.dk";

        // The form, refusing a wrong address and a missing consent.
        browser.go("/f/" + form);
        page(name, "form", language, branded ? "Fisk & Co" : listName);
        namesTheListOnceAtTheTop(name + " form", listName);
        // The server's own check, as a browser without (or past) its form validation meets it.
        browser.driver().executeScript("document.querySelector('main form').noValidate = true");
        browser.type("#cf-email", "not-an-address").submit("main form button[type=submit]");
        page(name, "form-error", language, branded ? "Fisk & Co" : listName);
        namesTheListOnceAtTheTop(name + " form-error", listName);
        assertThat(browser.text()).contains(words.badEmail, words.noConsent);

        // Signed up: the thank-you page and the confirmation mail.
        browser.type("#cf-email", email).click("#cf-consent").submit("main form button[type=submit]");
        page(name, "thanks", language, branded ? "Fisk & Co" : listName);
        JsonNode mail = DevMailbox.of(admin).awaitMail(email, words.confirmSubject);
        String confirm = DevMailbox.confirmationPath(mail);
        String html = DevMailbox.parts(mail).html();
        browser.driver().get("data:text/html;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
        page(name, "mail", language, listName);

        // The link: a button, confirmed, already confirmed.
        browser.go(confirm);
        page(name, "confirm", language, branded ? "Fisk & Co" : listName);
        browser.submit("main form button[type=submit]");
        page(name, "confirmed", language, branded ? "Fisk & Co" : listName);
        // The link again, as a person who clicks it in the mail once more (a GET changes nothing and says so).
        browser.go(confirm);
        page(name, "already", language, branded ? "Fisk & Co" : listName);

        // The welcome mail's unsubscribe link: the choice, then the answer.
        JsonNode welcome = DevMailbox.of(admin).awaitMail(email, words.welcomeSubject);
        Matcher header = UNSUBSCRIBE_HEADER.matcher(welcome.get("headers").get("List-Unsubscribe").asText()
                .replaceAll("\\s+", ""));
        assertThat(header.find()).as(welcome.get("headers").toString()).isTrue();
        browser.go(header.group(1));
        page(name, "unsubscribe", language, branded ? "Fisk & Co" : listName);
        browser.submit("main form button[type=submit]");
        page(name, "unsubscribed", language, branded ? "Fisk & Co" : listName);

        // Links that are not valid: plain pages that name nobody, in the browser's language.
        browser.go("/c/" + "A".repeat(43));
        page(name, "confirm-gone", "en", null);
        browser.go("/u/" + "A".repeat(43));
        page(name, "unsubscribe-gone", "en", null);
        soft.assertAll();
    }

    /**
     * Checks the page as a person and a screen reader meet it, at desktop and phone width, and takes both
     * pictures: {@code subscriber-<name>-<page>.png} and {@code ...-phone.png}.
     */
    private void page(String name, String page, String language, String top) {
        String what = name + " " + page;
        soft.assertThat(browser.find("html").getAttribute("lang")).as(what + ": lang").isEqualTo(language);
        if (top != null) {
            soft.assertThat(browser.text()).as(what + ": who the page speaks for").contains(top);
        }
        soft.assertThat(browser.axeProblems("subscriber " + what)).as(what + ": axe-core").isEmpty();
        browser.fullScreenshot("subscriber-" + name + "-" + page);
        Dimension size = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(PHONE, 800));
        Number overflow = (Number) browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        soft.assertThat(overflow.intValue()).as(what + ": nothing wider than a phone").isLessThanOrEqualTo(0);
        // The window grows to the page's height in steps, which a loaded machine may take a while to lay out.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                browser.fullScreenshot("subscriber-" + name + "-" + page + "-phone"));
        browser.driver().manage().window().setSize(size);
        if (!page.equals("mail")) {
            soft.assertThat(browser.driver().findElements(By.tagName("h1"))).as(what + ": one heading").hasSize(1);
        }
    }

    /** A form titled as its list: the top and the heading together name the list once, in the heading. */
    private void namesTheListOnceAtTheTop(String what, String listName) {
        String top = browser.driver().findElements(By.cssSelector("main > header, main > h1")).stream()
                .map(element -> element.getText()).collect(java.util.stream.Collectors.joining("\n"));
        soft.assertThat(top.split(Pattern.quote(listName), -1).length - 1).as(what + ": the list's name at the top, "
                + top).isEqualTo(1);
        soft.assertThat(browser.find("main > h1").getText()).as(what + ": the heading").isEqualTo(listName);
    }

    /** The words a test looks for, per language. */
    private record Words(String badEmail, String noConsent, String confirmSubject, String welcomeSubject) {

        static Words of(String language) {
            return language.equals("da")
                    ? new Words("gyldig e-mailadresse", "samtykke", "Bekræft din tilmelding", "Velkommen til")
                    : new Words("valid email address", "consent", "Please confirm", "Welcome to");
        }
    }
}
