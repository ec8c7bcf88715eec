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
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real browser (Debian's headless Chromium): what a compliance officer does, in both languages,
 * with axe-core on every page and screenshots for the README.
 */
@IntegrationTest
class ConsoleBrowserIT {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    Api anonymous;
    Api admin;
    String list;
    Browser browser;
    /** One browser for the class's tests, {@link Browser#reset() reset} before each (a Chromium start costs seconds). */
    static Browser shared;

    @BeforeEach
    void accountAndBrowser() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous);
        list = "news";
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
        browser = shared == null ? (shared = Browser.open(port, "en")) : shared.reset();
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
    void aWrongPasswordIsRefusedAndTheRightOneSignsIn() {
        String email = join("COMPLIANCE");
        browser.go("/app/login").accessible("login");
        browser.signIn(email, "not the password at all");
        assertThat(browser.path()).isEqualTo("/app/login?error");
        assertThat(browser.find("[role=alert]").getText()).contains("wrong");
        browser.accessible("login (error)");

        browser.signIn(email, PASSWORD);
        assertThat(browser.path()).isEqualTo("/app/people");
        assertThat(browser.find("header .who").getText()).contains(email);
        browser.accessible("find a person");

        browser.submit("header form[action$='/app/logout'] button");
        assertThat(browser.path()).isEqualTo("/app/login?signedOut");
        assertThat(browser.go("/app/people").path()).isEqualTo("/app/login");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String email = join("ADMIN");
        browser.signIn(email, PASSWORD).go("/app/users").accessible("users");
        browser.screenshot("console-users-en");
        browser.driver().executeScript(
                "document.querySelectorAll('input[name=_csrf]').forEach(input => input.remove())");
        browser.type("#invite-email", "forged-" + UUID.randomUUID() + "@example.dk").submit("form.row-form button");
        assertThat(browser.heading()).isEqualTo("Not allowed");
        browser.accessible("not allowed (403)");
        assertThat(admin.get("/api/users").json()).hasSize(1);
    }

    @Test
    void anAdminCreatesAKeyThatIsShownOnceAndRevokesIt() {
        browser.signIn(join("ADMIN"), PASSWORD).go("/app/keys").accessible("keys");
        assertThat(browser.text()).contains("admin").doesNotContain("cf_");
        browser.type("#key-name", "shop integration").submit("form.row-form button");
        String secret = browser.find("#secret").getAttribute("value");
        browser.accessible("keys, new key shown");
        assertThat(admin.as(secret).get("/api/accounts/current").status()).isEqualTo(200);
        browser.go("/app/keys");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        browser.screenshot("console-keys-en");

        browser.click("tbody tr:last-child details summary").submit("tbody tr:last-child details button");
        assertThat(browser.text()).contains("The key is revoked").doesNotContain("shop integration");
        assertThat(admin.as(secret).get("/api/accounts/current").status()).isEqualTo(401);
        JsonNode revoked = admin.get("/api/audit?action=KEY_REVOKED").json();
        assertThat(revoked.get(0).get("actor").asText()).startsWith("user:");
    }

    @Test
    void aComplianceOfficerFindsAPersonReadsTheCardAndTimelineAndExports() throws Exception {
        String officer = join("COMPLIANCE");
        String email = "anna-" + UUID.randomUUID() + "@example.dk";
        String id = subscribe(email);
        admin.patch("/api/contacts/" + id, Map.of("fields", Map.of("firstName", "Anna", "city", "Aarhus")));

        browser.signIn(officer, PASSWORD);
        browser.type("#q", email.substring(0, 10)).submit("form.search button");
        assertThat(browser.text()).contains("No one has this address");
        browser.type("#q", email.toUpperCase()).submit("form.search button");
        assertThat(browser.path()).isEqualTo("/app/people/" + id);
        assertThat(browser.heading()).isEqualTo(email);
        assertThat(browser.text()).contains("Mandatory data", "Custom fields", "Behaviour", "Aarhus", "203.0.113.7",
                "Confirmed");
        assertThat(browser.find(".stars").getAttribute("aria-label")).isEqualTo("MailRating 3 of 5");
        // The address is wider than the card: it wraps between its parts (here at the hyphens and after the @),
        // never inside the domain.
        List<String> lines = lines(browser.find("#card-email"));
        assertThat(lines).hasSizeGreaterThan(1).last().isEqualTo("example.dk");
        assertThat(String.join("", lines)).isEqualTo(email);
        browser.accessible("card").fullScreenshot("console-card-en");

        browser.submit(".tabs a:nth-child(2)");
        assertThat(browser.find(".chain .badge").getText()).isEqualTo("Audit chain verified");
        assertThat(browser.text()).contains("Signed up", "Confirmed", "Card viewed", "by " + officer);
        browser.accessible("timeline").fullScreenshot("console-timeline-en");

        browser.go("/app/people/" + id).click("form[action$='/export'] button");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (var files = Files.list(browser.downloads())) {
                return files.anyMatch(f -> f.toString().endsWith(".json"));
            }
        });
        JsonNode exported = StreamSupport.stream(admin.get("/api/contacts/" + id + "/audit").json().spliterator(), false)
                .filter(e -> "EXPORTED".equals(e.path("action").asText())).findFirst().orElseThrow();
        assertThat(exported.get("actor").asText()).startsWith("user:");

        browser.submit("header button[value=da]");
        assertThat(browser.heading()).isEqualTo(email);
        assertThat(browser.text()).contains("Stamdata", "Egne felter", "Adfærd", "Eksportér (JSON)");
        browser.accessible("card (da)").fullScreenshot("console-card-da");
        browser.submit(".tabs a:nth-child(2)");
        assertThat(browser.find(".chain .badge").getText()).isEqualTo("Auditkæden er verificeret");
        browser.accessible("timeline (da)").fullScreenshot("console-timeline-da");
        browser.go("/app/people").accessible("find a person (da)").screenshot("console-find-da");
    }

    @Test
    void theAuditLogIsFilteredByActionAndActorAndItsChainVerifies() {
        String officer = join("COMPLIANCE");
        browser.signIn(officer, "a wrong password, once");
        browser.signIn(officer, PASSWORD).go("/app/audit").accessible("audit log");
        assertThat(browser.find(".chain .badge").getText()).isEqualTo("Audit chain verified");
        new org.openqa.selenium.support.ui.Select(browser.find("#f-action")).selectByValue("SIGN_IN_FAILED");
        browser.submit("form.row-form button");
        assertThat(browser.all("tbody tr")).hasSize(1);
        assertThat(browser.find("tbody tr").getText()).contains("Wrong password", officer);
        browser.type("#f-actor", "nobody-like-this").submit("form.row-form button");
        assertThat(browser.all("tbody tr")).isEmpty();
        browser.go("/app/audit?actor=" + officer.substring(0, 20));
        assertThat(browser.text()).contains("Signed in", "User joined", "Wrong password");
        // Loopback as people write it, on the page and in the entry (the server sees 0:0:0:0:0:0:0:1).
        String signedIn = browser.find("tbody tr td.small").getText();
        assertThat(signedIn).matches("(?s)IP address:\\s*(::1|127\\.0\\.0\\.1)").doesNotContain("0:0:0:0");
        assertThat(admin.get("/api/audit?action=SIGNED_IN").json().findValuesAsText("ip")).isNotEmpty()
                .allMatch(ip -> ip.equals("::1") || ip.equals("127.0.0.1"));
        assertThat(browser.find("thead th:nth-child(2)").getText()).isEqualTo("When");
        assertThat(browser.find("tbody tr time").getText()).endsWith("UTC");
        browser.accessible("audit log, filtered").screenshot("console-audit-en");
    }

    @Test
    void anUnknownPersonAndAWrongInvitationGetAClearPage() {
        browser.go("/app/invite/" + "x".repeat(43));
        assertThat(browser.heading()).isEqualTo("This link no longer works");
        browser.accessible("invitation gone");
        browser.signIn(join("COMPLIANCE"), PASSWORD).go("/app/people/" + UUID.randomUUID());
        assertThat(browser.heading()).isEqualTo("Not found");
        browser.accessible("not found");
    }

    @Test
    void theRecordOfProcessingReadsInTheOfficersLanguage() {
        String officer = join("COMPLIANCE");
        subscribe("dea-" + UUID.randomUUID() + "@example.dk");
        browser.signIn(officer, PASSWORD).go("/app/record");
        assertThat(browser.heading()).isEqualTo("Record of processing activities");
        assertThat(browser.text()).contains("Sending the list \u201cAcme News\u201d by email", "1 confirmed",
                "Consent, GDPR Art. 6(1)(a)", "3 years", "Development mail server inside this server");
        browser.accessible("record of processing").fullScreenshot("console-record-en");

        browser.submit("button[name=language][value=da]");
        assertThat(browser.heading()).isEqualTo("Fortegnelse over behandlingsaktiviteter");
        assertThat(browser.text()).contains("Udsendelse af listen \u201eAcme News\u201c pr. e-mail", "3 år",
                "En sletning kræver godkendelse fra en anden person");
        browser.accessible("fortegnelse over behandlingsaktiviteter");
    }

    @Test
    void anErasureWithFourEyesWaitsForASecondPerson() {
        assertThat(admin.put("/api/erasure-settings", Map.of("approvalRequired", true)).status()).isEqualTo(200);
        String requester = join("COMPLIANCE");
        String approver = join("ADMIN");
        String email = "bo-" + UUID.randomUUID() + "@example.dk";
        String id = subscribe(email);

        browser.signIn(requester, PASSWORD).go("/app/people/" + id);
        browser.click("details.danger summary").type("#reason", "Asked by phone on 2 December")
                .click("details.danger input[name=confirm]").accessible("card, delete open");
        browser.submit("details.danger button.danger");
        assertThat(browser.text()).contains("waits for a second person");
        assertThat(admin.post("/api/access-requests", Map.of("subscriberId", id)).status()).isEqualTo(201);
        browser.go("/app/decisions").accessible("decisions");
        assertThat(browser.text()).contains("Access requests waiting for their export");
        assertThat(browser.all("tr.overdue")).isEmpty();
        assertThat(browser.text()).contains("Your own request", "Asked by phone on 2 December");
        assertThat(browser.all("button[value=approve]")).isEmpty();
        assertThat(permission(email)).isEqualTo("CONFIRMED");

        browser.forgetSession();
        browser.signIn(approver, PASSWORD).go("/app/decisions");
        assertThat(browser.find("tbody tr").getText()).contains(requester).doesNotContain("by " + requester);
        browser.screenshot("console-decisions-en");
        browser.submit("button[value=approve]");
        assertThat(browser.text()).contains("The deletion is approved");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELETED".equals(permission(email)));

        browser.go("/app/people/" + id);
        assertThat(browser.heading()).isEqualTo("Erased person");
        assertThat(browser.text()).doesNotContain(email);
    }

    @Test
    void theInboxDeliversAnAccessRequestAndReleasesAnExportAndTheTimelineTellsItInWordsAndTheReadersTime()
            throws Exception {
        String officer = join("ADMIN");
        String email = "eva-" + UUID.randomUUID() + "@example.dk";
        Answer signup = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "ip", "203.0.113.7"));
        String id = signup.json().get("subscriberId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/contacts/" + id + "/audit").json()
                .toString().contains("\"source\":\"dispatch\""));
        String access = admin.post("/api/access-requests", Map.of("subscriberId", id)).json().get("id").asText();
        String export = admin.as(Api.OPERATOR_KEY).post("/api/export-requests", Map.of("account",
                TestAccounts.accountId(admin), "list", list, "format", "csv")).json().get("id").asText();

        browser.signIn(officer, PASSWORD).go("/app/decisions");
        assertThat(browser.find("tr.access-request").getText()).contains("key \"admin\"", "UTC");
        assertThat(browser.find("table.export-requests tbody tr").getText()).contains("Acme News", "csv");
        browser.accessible("decisions, access and export requests").screenshot("console-decisions-requests-en");
        browser.click("tr.access-request input[name=confirm]").click("tr.access-request button[value=json]");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (var files = Files.list(browser.downloads())) {
                return files.anyMatch(f -> f.toString().endsWith(".json"));
            }
        });
        assertThat(admin.get("/api/access-requests/" + access).json().get("status").asText()).isEqualTo("DELIVERED");
        browser.click("table.export-requests input[name=confirm]").submit("table.export-requests button[value=approve]");
        assertThat(browser.text()).contains("No access request is open");
        assertThat(admin.get("/api/export-requests/" + export).json().get("status").asText()).isEqualTo("APPROVED");
        browser.accessible("decisions, answered");

        browser.go("/app/people/" + id);
        assertThat(browser.find("table.sent").getText()).contains("Mail · Confirmation", "Sent");
        browser.go("/app/people/" + id + "/timeline");
        String timeline = browser.find("ol.timeline").getText();
        assertThat(timeline).contains("Mail sent", "Kind: Confirmation", "Access answered", "In time: yes",
                "Exported", "What: one person", "Format: JSON", "List: Acme News").doesNotContain(access);
        assertThat(browser.find("ol.timeline .detail").getAttribute("title")).isNotNull();
        var when = browser.find("ol.timeline .when time");
        assertThat(when.getText()).endsWith("UTC");
        assertThat(when.getAttribute("datetime")).endsWith("Z").isEqualTo(when.getAttribute("title"));
        browser.accessible("timeline with mail, access and export").fullScreenshot("console-timeline-mail-en");

        // One rule on every page, whatever its language: the reader's zone, here the browser's (UTC).
        browser.submit("header button[value=da]");
        assertThat(browser.find("ol.timeline .when time").getText()).endsWith("UTC");
        assertThat(browser.find("ol.timeline").getText()).contains("Mail sendt", "Type: Bekræftelse");
        browser.accessible("timeline with mail (da)");
        // In Copenhagen, the browser says so on its next page (zone.js), and every page after it shows CET.
        browser.timeZone("Europe/Copenhagen").go("/app/people");
        browser.go("/app/people/" + id + "/timeline");
        assertThat(browser.find("ol.timeline .when time").getText()).matches(".*(CET|CEST)$");
        browser.submit("header button[value=en]");
        assertThat(browser.find("ol.timeline .when time").getText()).matches(".*(CET|CEST)$");
        browser.go("/app/people/" + id);
        assertThat(browser.find("table.subscriptions time").getText()).matches(".*(CET|CEST)$");
        browser.submit("header button[value=da]");
        browser.go("/app/settings").accessible("settings (da)");
        assertThat(browser.find("#zone option[value='']").getText()).isEqualTo("Browserens tidszone (Europe/Copenhagen)");
        new org.openqa.selenium.support.ui.Select(browser.find("#zone")).selectByValue("America/New_York");
        browser.submit("main form button");
        browser.go("/app/people/" + id + "/timeline");
        assertThat(browser.find("ol.timeline .when time").getText()).matches(".*(EST|EDT)$");
    }

    @Test
    void aTombstoneIsResubscribedWithItsFullAddressAndNothingHappensTwice() {
        String officer = join("COMPLIANCE");
        String email = "cai-" + UUID.randomUUID() + "@example.dk";
        String id = subscribe(email);

        browser.signIn(officer, PASSWORD).go("/app/people/" + id);
        browser.click("details.danger summary").type("#reason", "Asked by mail")
                .click("details.danger input[name=confirm]").submit("details.danger button.danger");
        assertThat(browser.text()).contains("The person's data is deleted; this card is now the tombstone");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELETED".equals(permission(email)));
        Answer again = admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "twice"));
        assertThat(again.status()).isEqualTo(409);

        browser.go("/app/people/" + id);
        assertThat(browser.all("form[action$='/export']")).isEmpty();
        browser.accessible("tombstone card").screenshot("console-tombstone-en");
        // The tombstone and its timeline in Danish: every label in the reader's language, no raw key or enum name.
        browser.submit("header button[value=da]");
        assertThat(browser.heading()).isEqualTo("Slettet person");
        readsAsWritten(browser.text());
        browser.accessible("tombstone card (da)").fullScreenshot("console-tombstone-da");
        browser.submit(".tabs a:nth-child(2)");
        assertThat(browser.find("ol.timeline").getText()).contains("Slettet");
        readsAsWritten(browser.text());
        browser.accessible("tombstone timeline (da)").fullScreenshot("console-tombstone-timeline-da");
        browser.submit("header button[value=en]").go("/app/people/" + id);
        browser.type("#rs-email", email).click("input[name=confirmed]").submit("form[action$='/resubscribe'] button");
        assertThat(browser.text()).contains("The confirmation is on its way");
        DevMailbox.of(anonymous).awaitMail(email, "");
        assertThat(admin.get("/api/contacts?email=" + email).json()).hasSize(1);
    }

    @Test
    void aSessionOfOneAccountNeverSeesAnother() {
        String email = "dana-" + UUID.randomUUID() + "@example.dk";
        String id = subscribe(email);

        Api otherAdmin = TestAccounts.newAccount(anonymous);
        String stranger = join(otherAdmin, "ADMIN");
        browser.signIn(stranger, PASSWORD).go("/app/people/" + id);
        assertThat(browser.heading()).isEqualTo("Not found");
        browser.go("/app/people/" + id + "/timeline");
        assertThat(browser.heading()).isEqualTo("Not found");
        browser.go("/app/people?q=" + email);
        assertThat(browser.text()).contains("No one has this address");
        assertThat(browser.find("header .account").getText())
                .isEqualTo(otherAdmin.get("/api/accounts/current").json().get("name").asText());
        assertThat(admin.get("/api/contacts/" + id + "/audit").json().toString()).doesNotContain("VIEWED");
    }

    private String subscribe(String email) {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.7", "at", "2026-11-29T10:00:00Z"));
        assertThat(subscribed.status()).isEqualTo(201);
        return subscribed.json().get("subscriberId").asText();
    }

    /** No message key Thymeleaf could not find (??key??) and no enum name (ERASED, LIST_CHANGED) on the page. */
    /** The lines an element's text shows on, as the browser laid them out. */
    @SuppressWarnings("unchecked")
    private List<String> lines(org.openqa.selenium.WebElement element) {
        return (List<String>) browser.driver().executeScript("""
                const lines = [];
                let top = null;
                const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
                const range = document.createRange();
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  for (let i = 0; i < node.length; i++) {
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const box = range.getClientRects()[0];
                    if (!box) continue;
                    if (top === null || box.top > top + 2) { lines.push(''); top = box.top; }
                    lines[lines.length - 1] += node.data[i];
                  }
                }
                return lines;""", element);
    }

    private static void readsAsWritten(String page) {
        assertThat(page).doesNotContain("??").doesNotContainPattern("\\b[A-Z]+_[A-Z_]+\\b")
                .doesNotContainPattern("\\b(ERASED|DELETED|CONFIRMED|PENDING|UNSUBSCRIBED|BOUNCED|COMPLAINED)\\b");
    }

    private String permission(String email) {
        return admin.get("/api/contacts?email=" + email).json().get(0).get("permission").asText();
    }

    private String join(String role) {
        return join(admin, role);
    }

    private String join(Api accountAdmin, String role) {
        return browser.join(accountAdmin, role, PASSWORD);
    }
}
