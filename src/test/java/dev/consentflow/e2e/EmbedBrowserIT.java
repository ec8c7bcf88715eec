package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Browser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The embed script on a customer's page of another origin (a tiny page served from 127.0.0.1 by the JDK's HTTP
 * server, while Consentflow is localhost): in headless Chromium the form renders styled inside the page without
 * a second h1, signs up with fetch and thanks in place without leaving the page; a form that does not allow the
 * page's origin refuses the post (CORS); the iframe option shows the form where frame-ancestors allows it.
 */
@IntegrationTest
// The same properties as the other signup journeys, so their Spring context serves this class too (this class
// sends no X-Forwarded-For: the trusted proxy changes nothing here).
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class EmbedBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;

    Api admin;
    HttpServer shop;
    String shopOrigin;
    Browser browser;
    /** One browser for the class's tests, {@link Browser#reset() reset} before each (a Chromium start costs seconds). */
    static Browser shared;
    String run;

    @BeforeEach
    void shopAndForms() throws IOException {
        admin = Api.at(port).as(Api.ADMIN_KEY);
        run = UUID.randomUUID().toString().substring(0, 8);
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String form = path.substring(path.lastIndexOf('/') + 1).replace(".html", "");
            String mode = exchange.getRequestURI().getQuery() == null ? "" : " data-mode=\"iframe\"";
            byte[] page = """
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fiskebutikken</title></head>
                    <body><main><h1>Fiskebutikken</h1><p>Fresh fish every day.</p>
                    <script src="http://localhost:%d/f/%s/embed.js"%s></script>
                    <p>Thank you for visiting.</p></main></body></html>
                    """.formatted(port, form, mode).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
        shopOrigin = "http://127.0.0.1:" + shop.getAddress().getPort();
        browser = shared == null ? (shared = Browser.open(port, "en")) : shared.reset();
    }

    @AfterEach
    void close() {
        shop.stop(0);
    }

    @AfterAll
    static void closeBrowser() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    @Test
    void theEmbeddedFormSignsUpWithFetchAndThanksInPlaceOnThePageOfAnotherOrigin() {
        String form = form("shop", List.of(shopOrigin));
        String email = "fisk." + run + "@example.dk";
        WebDriver driver = browser.driver();
        driver.get(shopOrigin + "/shop/" + form + ".html");
        SearchContext embedded = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> browser.find(".consentflow-form").getShadowRoot(), root -> root != null);
        assertThat(embedded.findElement(By.cssSelector("h2")).getText()).isEqualTo("Fiskenyt");
        assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(embedded.findElements(By.cssSelector("h1"))).isEmpty();
        assertThat(embedded.findElement(By.cssSelector("button")).getCssValue("background-color"))
                .as("the brand's accent colour").isEqualTo("rgba(11, 110, 79, 1)");
        assertThat(embedded.findElement(By.cssSelector("footer")).getText()).contains("Fisk & Co ApS");
        browser.accessible("embedded form");
        browser.screenshot("embed-form");

        embedded.findElement(By.cssSelector("#cf-email")).sendKeys(email);
        embedded.findElement(By.cssSelector("#cf-firstName")).sendKeys("Søren Ærbø");
        embedded.findElement(By.cssSelector("#cf-consent")).click();
        embedded.findElement(By.cssSelector("button")).click();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                embedded.findElement(By.cssSelector(".cf-embed")).getText(), text -> text.contains("Almost done"));
        assertThat(driver.getCurrentUrl()).isEqualTo(shopOrigin + "/shop/" + form + ".html");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Fiskebutikken");
        browser.screenshot("embed-thanks");
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(greenMail.getReceivedMessages())
                .anyMatch(m -> recipients(m).contains(email)));
    }

    @Test
    void aFormThatDoesNotAllowThePagesOriginRefusesItsPost() {
        String form = form("closed", List.of("https://other-shop.example"));
        String email = "closed." + run + "@example.dk";
        browser.driver().get(shopOrigin + "/shop/" + form + ".html");
        SearchContext embedded = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> browser.find(".consentflow-form").getShadowRoot(), root -> root != null);
        embedded.findElement(By.cssSelector("#cf-email")).sendKeys(email);
        embedded.findElement(By.cssSelector("#cf-consent")).click();
        embedded.findElement(By.cssSelector("button")).click();

        WebElement alert = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> embedded.findElement(By.cssSelector("[role=alert]")), e -> e.isDisplayed());
        assertThat(alert.getText()).contains("could not be sent");
        assertThat(embedded.findElement(By.cssSelector(".cf-embed")).getText()).doesNotContain("Almost done");

        Answer preflight = Api.at(port).options("/f/" + form, Map.of("Origin", shopOrigin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Answer post = Api.at(port).postRaw("/f/" + form, "application/json",
                ("{\"email\":\"" + email + "\",\"consent\":true}").getBytes(StandardCharsets.UTF_8),
                Map.of("Origin", shopOrigin));
        assertThat(post.status()).isEqualTo(403);
        Answer allowed = Api.at(port).options("/f/" + form, Map.of("Origin", "https://other-shop.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://other-shop.example");
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).noneMatch(m -> recipients(m).contains(email)))
                .isTrue();
    }

    @Test
    void theIframeOptionShowsTheFormWhereFrameAncestorsAllowsIt() {
        String form = form("framed", List.of(shopOrigin));
        assertThat(Api.at(port).get("/f/" + form).header("Content-Security-Policy"))
                .contains("frame-ancestors 'self' " + shopOrigin);
        browser.driver().get(shopOrigin + "/shop/" + form + ".html?iframe");
        WebElement frame = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> browser.find(".consentflow-form iframe"), e -> e != null);
        browser.driver().switchTo().frame(frame);
        WebElement email = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> browser.driver().findElement(By.cssSelector("#cf-email")), WebElement::isDisplayed);
        assertThat(email.getAttribute("type")).isEqualTo("email");
        browser.driver().switchTo().defaultContent();
    }

    private String form(String name, List<String> origins) {
        String brand = "fisk-" + name + "-" + run;
        Answer created = admin.post("/api/brands", Map.of("key", brand, "name", "Fisk & Co",
                "color", "#0b6e4f", "privacyUrl", "https://fisk.example/privacy",
                "controller", Map.of("name", "Fisk & Co ApS", "email", "dpo@fisk.example")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String list = brand + "-news";
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Fiskenyt", "brand", brand)).status())
                .isEqualTo(201);
        String form = list + "-form";
        assertThat(admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL",
                "fields", List.of("firstName"), "title", "Fiskenyt")).status()).isEqualTo(201);
        Answer set = admin.put("/api/forms/" + form + "/allowed-origins", Map.of("allowedOrigins", origins));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("allowedOrigins").toString()).contains(origins.get(0));
        return form;
    }

    private static String recipients(jakarta.mail.internet.MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (Exception e) {
            return "";
        }
    }
}
