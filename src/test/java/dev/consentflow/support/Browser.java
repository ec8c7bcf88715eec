package dev.consentflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentSkipListMap;
import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through chromium-driver, as the console's browser tests drive it: pages by path,
 * axe-core checked on every page (no serious or critical violation), screenshots into {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    private static final Pattern INVITE_LINK = Pattern.compile("https?://[^\\s\"<>]+(/app/invite/[A-Za-z0-9_-]{43})");

    /** Every page axe checked in this JVM, with the number of serious or critical violations it found. */
    public static final Map<String, Integer> AXE_RESULTS = new ConcurrentSkipListMap<>();

    private static final String AXE = readAxe();
    /** The zone every browser starts in ({@link #timeZone}). */
    private static final String START_ZONE = "UTC";
    /** The tallest window a {@link #fullScreenshot} takes (Chromium's limit is far above; a picture stays readable). */
    private static final int MAX_SCREENSHOT_HEIGHT = 4000;

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;

    private Browser(ChromeDriver driver, String base, Path downloads) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
    }

    /** A fresh browser (no cookies) whose Accept-Language is {@code languages} ("en", "da,en"). */
    public static Browser open(int port, String languages) {
        try {
            Path downloads = Files.createTempDirectory("console-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(firstExisting("/usr/bin/chromium", "/usr/lib/chromium/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,1000", "--lang=" + languages.split(",")[0]);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages,
                    "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(firstExisting("/usr/bin/chromedriver",
                            "/usr/lib/chromium/chromedriver")).toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, "http://localhost:" + port, downloads).timeZone(START_ZONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes this browser what {@link #open} gives, for the next test of a class that keeps one browser for all its
     * tests (a Chromium start costs seconds): a blank page, no cookies, nothing cached or stored for the server's
     * origin, an empty download directory and the first window size.
     */
    public Browser reset() {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        timeZone(START_ZONE);
        try (var files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * The time zone the browser says it is in (an IANA id), as its {@code Intl} and so the console's {@code zone.js}
     * see it: from the next page on, the console shows times in it. A fresh browser is in UTC, whatever the
     * machine's zone, so pages read the same on every machine.
     */
    public Browser timeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
        return this;
    }

    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks something on the page that changes nothing but the page (a summary, a checkbox). */
    /** Chooses the option of the value in the select element. */
    public Browser choose(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
        return this;
    }

    public Browser click(String css) {
        find(css).click();
        return this;
    }

    /** Clicks a button or link that loads another page, and waits until it is there. */
    public Browser submit(String css) {
        // The old page is marked in its window object; the next page's window has no mark. (Waiting for the old
        // <html> element to go stale races Chromium's navigation: the driver may answer "Node with given id does
        // not belong to the document", an unknown error rather than a stale element, while the page swaps.)
        driver.executeScript("window.__consentflowLeaving = true");
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.__consentflowLeaving === undefined && document.readyState === 'complete'")));
        return this;
    }

    public Browser signIn(String email, String password) {
        go("/app/login").type("#username", email).type("#password", password).submit("main form button[type=submit]");
        return this;
    }

    public Path downloads() {
        return downloads;
    }

    /** Runs axe-core on the page; records and answers its serious and critical violations (ids and targets). */
    @SuppressWarnings("unchecked")
    public List<String> axeProblems(String page) {
        JavascriptExecutor js = driver;
        js.executeScript(AXE);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                  .filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        List<String> problems = (List<String>) result;
        AXE_RESULTS.merge(page, problems.size(), Math::max);
        return problems;
    }

    /** Asserts axe finds no serious or critical violation on the page. */
    public Browser accessible(String page) {
        List<String> problems = axeProblems(page);
        if (!problems.isEmpty()) {
            try {
                Path dump = Path.of("target", "console-pages", page.replaceAll("[^A-Za-z0-9]+", "-") + ".html");
                Files.createDirectories(dump.getParent());
                Files.writeString(dump, driver.getPageSource());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(problems).as("axe-core on " + page).isEmpty();
        return this;
    }

    /**
     * Saves a PNG of the page under target/screenshots, or under {@code $SCREENSHOT_DIR} (the committed ones in
     * docs/screenshots are refreshed with {@code SCREENSHOT_DIR=docs/screenshots}), so a test run leaves the tree clean.
     */
    public Browser screenshot(String name) {
        try {
            String dir = System.getenv().getOrDefault("SCREENSHOT_DIR", "target/screenshots");
            Path target = Path.of(dir, name + ".png");
            Files.createDirectories(target.getParent());
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A whole-page screenshot: the window grows until the viewport holds the page's height (the window's own
     * frame takes part of its height, and a page may grow as it gets room), so the picture has no scroll bar and
     * nothing cut off at the bottom.
     */
    public Browser fullScreenshot(String name) {
        var size = driver.manage().window().getSize();
        for (int attempt = 0; attempt < 3 && missingHeight() > 0; attempt++) {
            var now = driver.manage().window().getSize();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(now.getWidth(),
                    Math.min(MAX_SCREENSHOT_HEIGHT, now.getHeight() + missingHeight() + 40)));
        }
        int missing = missingHeight();
        int windowHeight = driver.manage().window().getSize().getHeight();
        assertThat(missing <= 0 || windowHeight >= MAX_SCREENSHOT_HEIGHT)
                .as("%s: the page's bottom %d px are outside the screenshot", name, missing).isTrue();
        screenshot(name);
        driver.manage().window().setSize(size);
        return this;
    }

    /** How many pixels of the page lie below the viewport. */
    private int missingHeight() {
        Number missing = (Number) driver.executeScript(
                "return document.documentElement.scrollHeight - window.innerHeight");
        return missing.intValue();
    }

    public void forgetSession() {
        driver.manage().deleteAllCookies();
    }

    /**
     * Invites a person of the role into the account of {@code accountAdmin} through the API and accepts the
     * invitation in this browser with the password; answers the new person's address.
     */
    public String join(Api accountAdmin, String role, String password) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.dk";
        assertThat(accountAdmin.post("/api/users", Map.of("email", email, "role", role)).status()).isEqualTo(201);
        JsonNode mail = DevMailbox.of(accountAdmin).awaitMail(email, "Invitation");
        Matcher link = INVITE_LINK.matcher(mail.get("body").asText().replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).as("an invitation link in the mail").isTrue();
        go(link.group(1)).type("#password", password).type("#repeat", password).submit("main form button[type=submit]");
        assertThat(path()).isEqualTo("/app/login?joined");
        return email;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String firstExisting(String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        throw new IllegalStateException("Chromium is missing: apt-get install -y chromium chromium-driver");
    }

    private static String readAxe() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe-core/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
