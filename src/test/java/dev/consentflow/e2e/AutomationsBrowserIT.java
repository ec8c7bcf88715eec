package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Browser;
import dev.consentflow.support.Deployments;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A marketer's Imports and Automations pages in headless Chromium: an import's progress bar reaching its end and
 * its rejections downloaded, and a flow whose template went missing after deployment shown with its incident in
 * plain words, then retried once the template exists again. axe-core on every page, screenshots for the README.
 */
@IntegrationTest
class AutomationsBrowserIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    Api anonymous;
    Api admin;
    Api marketer;
    String account;
    Browser browser;
    /** One browser for the class's tests, {@link Browser#reset() reset} before each (a Chromium start costs seconds). */
    static Browser shared;

    @BeforeEach
    void anAccountWithAListAMarketerKeyAndABrowser() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous);
        marketer = TestAccounts.newKey(admin, "MARKETER");
        account = TestAccounts.accountId(admin);
        assertThat(marketer.post("/api/lists", Map.of("key", "news", "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
        browser = shared == null ? (shared = Browser.open(port, "en")) : shared.reset();
    }

    @AfterEach
    void undeploy() {
        repository.createDeploymentQuery().tenantIdIn(account).list()
                .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
    }

    @AfterAll
    static void closeBrowserAndPrintAxeResults() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
        System.out.println("axe-core serious/critical violations per console page: " + Browser.AXE_RESULTS);
    }

    @Test
    void anImportsProgressBarReachesTheEndWithoutAReloadAndItsRejectionsDownloadAsCsv() throws IOException, SQLException {
        browser.signIn(join("MARKETER"), PASSWORD);
        browser.go("/app/imports").accessible("imports");
        assertThat(browser.heading()).isEqualTo("Import contacts");

        Path notes = Files.createTempFile("contacts", ".txt");
        Files.writeString(notes, "email\nada@example.dk\n");
        browser.find("#import-file").sendKeys(notes.toString());
        browser.choose("#import-list", "news").submit("#import-form button[type=submit]");
        assertThat(browser.find("[role=alert]").getText()).contains("Accepted types: .csv, .xlsx");
        browser.accessible("imports (wrong type)").screenshot("automations-import-wrong-type");

        int rows = 900;
        int bad = 7;
        StringBuilder csv = new StringBuilder("email,firstName\n");
        for (int i = 0; i < rows - bad; i++) {
            csv.append("import-").append(i).append('-').append(UUID.randomUUID()).append("@example.dk,Ada\n");
        }
        for (int i = 0; i < bad; i++) {
            csv.append("not-an-address-").append(i).append(",Bob\n");
        }
        Path file = Files.createTempFile("contacts", ".csv");
        Files.writeString(file, csv);
        String done = rows + " of " + rows + " rows (100 %)";
        String id;
        Set<String> seen = new LinkedHashSet<>();
        // The import would finish before the page is drawn on a fast machine, and a page drawn at 100 % proves no
        // polling. So its new cards are held back (a table lock that lets reads through) until the page shows it
        // unfinished and is marked; then the import goes on, and the page reaching 100 % with its mark still there
        // proves htmx swapped the progress in without a reload.
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            try (Statement statement = hold.createStatement()) {
                statement.execute("lock table contacts_contact in share mode");
            }
            browser.find("#import-file").sendKeys(file.toString());
            browser.choose("#import-list", "news").click("input[name=consent][value=CONFIRMED]")
                    .submit("#import-form button[type=submit]");
            assertThat(browser.path()).matches("/app/imports/[0-9a-f-]{36}");
            id = browser.path().substring("/app/imports/".length());
            browser.accessible("import running");
            String first = progressShown();
            assertThat(first).as("the progress of an import still held back").isNotEqualTo(done);
            seen.add(first);
            browser.driver().executeScript("window.consentflowNotReloaded = true");
            hold.rollback();
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            String shown = progressShown();
            seen.add(shown);
            return shown.equals(done);
        });
        assertThat(seen).as("the progress the page showed").hasSizeGreaterThan(1);
        assertThat(browser.driver().executeScript("return window.consentflowNotReloaded === true"))
                .as("the page was not reloaded").isEqualTo(true);
        assertThat(browser.find("#rows-done").getAttribute("value")).isEqualTo(String.valueOf(rows));
        await().atMost(PATIENCE).until(() -> !browser.all("#rejections").isEmpty());
        assertThat(browser.find("#count-imported").getText()).isEqualTo(String.valueOf(rows - bad));
        assertThat(browser.find("#count-rejected").getText()).isEqualTo(String.valueOf(bad));
        JsonNode status = marketer.get("/api/imports/" + id).json();
        assertThat(status.get("done").asLong()).isEqualTo(rows);
        browser.accessible("import done").fullScreenshot("automations-import-done");

        browser.click("#rejections");
        Path download = browser.downloads().resolve("import-" + id + "-rejections.csv");
        await().atMost(PATIENCE).until(() -> Files.exists(download) && Files.size(download) > 0);
        List<String> lines = Files.readAllLines(download, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("row,column,reason");
        assertThat(lines).hasSize(bad + 1);
        assertThat(String.join("\n", lines)).doesNotContain("not-an-address");
        assertThat(lines.get(1)).startsWith(String.valueOf(rows - bad + 1) + ",");
    }

    private String progressShown() {
        return String.valueOf(browser.driver().executeScript(
                "return document.getElementById('rows-done-text').textContent"));
    }

    @Test
    void aDeploymentNamingATemplateAndAListTheAccountLacksIsRefusedWith400NamingBoth() throws IOException {
        String flow = Files.readString(Path.of("processes/examples/welcome-series.bpmn"))
                .replace(">welcome-series</camunda:inputParameter>", ">no-such-template</camunda:inputParameter>")
                .replace(">offers</camunda:inputParameter>", ">no-such-list</camunda:inputParameter>");
        Answer refused = Deployments.deploy(marketer, "welcome-series.bpmn", flow);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        StreamSupport.stream(refused.json().get("errors").spliterator(), false)
                .forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("message").asText()));
        assertThat(errors).as(refused.body()).contains(
                "Task_SendWelcomeMail: the account has no template 'no-such-template'",
                "Task_SendReminderMail: the account has no template 'welcome-reminder'",
                "Task_AddToOffers: the account has no list 'no-such-list'");
        assertThat(marketer.get("/api/automations").json()).isEmpty();
    }

    @Test
    void aFlowWhoseTemplateIsGoneShowsTheIncidentInPlainWordsAndRunsOnAfterTheTemplateIsCreatedAndRetried()
            throws IOException {
        template("welcome-series", "Welcome");
        template("welcome-reminder", "Still there?");
        assertThat(marketer.post("/api/lists", Map.of("key", "offers", "name", "Acme Offers", "brand", "acme"))
                .status()).isEqualTo(201);
        Answer deployed = Deployments.deploy(marketer, "welcome-series.bpmn",
                Files.readString(Path.of("processes/examples/welcome-series.bpmn")));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        // The check at deployment passed; the template goes afterwards (as a deletion in the database would).
        assertThat(jdbc.sql("delete from campaigns_template where account_id = :account and key = 'welcome-series'")
                .param("account", UUID.fromString(account)).update()).isEqualTo(1);

        String email = "flow-" + UUID.randomUUID() + "@example.dk";
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", "news",
                "confirmed", true, "ip", "203.0.113.21", "at", java.time.Instant.now().minusSeconds(60).toString()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String subscriber = subscribed.json().get("subscriberId").asText();
        ProcessInstance instance = await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey("welcome-series").tenantIdIn(account)
                .variableValueEquals("subscriberId", subscriber).list(), l -> l.size() == 1).get(0);
        Job timer = await().atMost(PATIENCE).until(() -> management.createJobQuery()
                .processInstanceId(instance.getId()).activityId("Event_WelcomeDelayPassed").singleResult(),
                j -> j != null);
        management.setJobDuedate(timer.getId(), new Date()); // a day passed: the job executor runs it, and fails
        JsonNode flow = await().atMost(PATIENCE).until(() -> marketer.get("/api/automations").json().get(0),
                f -> f.get("incidents").asInt() == 1);
        assertThat(flow.get("key").asText()).isEqualTo("welcome-series");
        assertThat(flow.get("deployedBy").asText()).startsWith("marketer:");
        assertThat(TestAccounts.newAccount(anonymous).get("/api/automations").json()).as("another account's")
                .isEmpty();
        assertThat(TestAccounts.newKey(admin, "COMPLIANCE").get("/api/automations").status()).isEqualTo(403);

        browser.signIn(join("MARKETER"), PASSWORD);
        browser.go("/app/automations").accessible("automations");
        assertThat(browser.find("#flows").getText()).contains("Welcome series").contains("key \"marketer key\"");
        browser.fullScreenshot("automations-list");
        browser.submit("#flows a");
        await().atMost(PATIENCE).until(() -> "true".equals(browser.find("#diagram").getAttribute("data-drawn")));
        assertThat(browser.find(".incident .what").getText())
                .isEqualTo("Send welcome mail: the template welcome-series does not exist.");
        assertThat(browser.find(".incident").getText())
                .contains("Create the template welcome-series under Templates");
        assertThat(browser.all("#diagram .flow-badge.incident")).hasSize(1);
        browser.accessible("automation with an incident").fullScreenshot("automations-incident");
        browser.submit("header button[value=da]");
        assertThat(browser.find(".incident .what").getText())
                .isEqualTo("Send welcome mail: skabelonen welcome-series findes ikke.");
        assertThat(browser.find(".incident button.retry").getText()).isEqualTo("Prøv igen");
        browser.accessible("automation with an incident (da)").screenshot("automations-incident-da");
        browser.submit("header button[value=en]");

        Answer otherRetry = TestAccounts.newAccount(anonymous).post("/api/automations/incidents/"
                + browser.find(".incident").getAttribute("data-incident") + "/retry", Map.of());
        assertThat(otherRetry.status()).as("another account cannot retry it").isEqualTo(404);

        template("welcome-series", "Welcome back");
        browser.go(browser.path());
        assertThat(browser.find(".incident").getText()).contains("The template welcome-series exists now");
        browser.submit(".incident button.retry");
        assertThat(browser.find("[role=status]").getText()).contains("runs again");
        DevMailbox.of(anonymous).awaitMail(email, "Welcome back");
        await().atMost(PATIENCE).until(() -> runtime.getActiveActivityIds(instance.getId())
                .equals(List.of("Event_EngagementWindowPassed")));
        browser.go(browser.path().replace("?retried", ""));
        await().atMost(PATIENCE).until(() -> "true".equals(browser.find("#diagram").getAttribute("data-drawn")));
        assertThat(browser.all(".incident")).isEmpty();
        assertThat(browser.find("#no-incidents").getText()).isEqualTo("No step has failed.");
        assertThat(browser.find("#activities").getText()).contains("A week passed");
        assertThat(browser.all("#diagram .flow-badge.running")).hasSize(1);
        browser.accessible("automation after the retry").fullScreenshot("automations-retried");

        JsonNode retried = admin.get("/api/audit?action=INCIDENT_RETRIED").json();
        assertThat(retried).hasSize(1);
        assertThat(retried.get(0).get("actor").asText()).startsWith("user:");
    }

    private void template(String key, String subject) {
        Answer created = marketer.post("/api/templates", Map.of("key", key, "subject", subject,
                "html", "<p>" + subject + "</p>", "text", subject));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private String join(String role) {
        return browser.join(admin, role, PASSWORD);
    }
}
