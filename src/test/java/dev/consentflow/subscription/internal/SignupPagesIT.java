package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.web.TooManyRequestsException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public signup and confirmation pages on the whole server, as far as they go without a contact store:
 * the repository's form, its refusals of bad input, the honeypot, unknown links, headers, rate-limit counting.
 */
@IntegrationTest
class SignupPagesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignupLimits limits;

    @Autowired
    PlatformTransactionManager transactions;

    Api anonymous;
    long doubleOptInsBefore;
    long instancesBefore;

    @BeforeEach
    void client() {
        anonymous = Api.at(port);
        doubleOptInsBefore = doubleOptIns();
        instancesBefore = instances();
    }

    @Test
    void theRepositoryFormIsServedAsAnAccessiblePage() {
        Answer page = anonymous.get("/f/newsletter");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"en\">", "name=\"viewport\"", "<label for=\"cf-email\">",
                "<label for=\"cf-firstName\">", "<label for=\"cf-consent\">", "about once a month",
                "aria-hidden=\"true\"", "action=\"/f/newsletter\"");
        assertThat(page.body()).doesNotContain("checked");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "form-action 'self'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(anonymous.get("/f/newsletter/thanks").body()).contains("check your inbox");
    }

    @Test
    void theEmbedScriptWritesTheFormPostingToThePublicUrl() {
        Answer script = anonymous.get("/f/newsletter/embed.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.body()).contains("document.currentScript", "/f/newsletter").doesNotContain("</");
        assertThat(script.header("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
    }

    @Test
    void anUnknownFormIsNotFound() {
        assertThat(anonymous.get("/f/no-such-form").status()).isEqualTo(404);
        Answer json = anonymous.post("/f/no-such-form", Map.of("email", "anna@example.dk", "consent", true));
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.postForm("/f/no-such-form", "email=anna%40example.dk&consent=true").status())
                .isEqualTo(404);
    }

    @Test
    void badJsonInputIsAProblemNamingTheFieldsAndWritesNothing() {
        Answer missing = anonymous.post("/f/newsletter", Map.of("email", "not-an-address"));
        assertProblem(missing, 400);
        assertThat(missing.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("email", "consent");

        Answer injected = anonymous.post("/f/newsletter",
                Map.of("email", "anna@example.dk", "firstName", "Anna\r\nBcc: x@evil.example", "consent", true));
        assertProblem(injected, 400);
        assertThat(injected.json().get("errors").findValuesAsText("field")).containsExactly("firstName");
        assertThat(injected.body()).doesNotContain("evil.example");

        assertProblem(anonymous.post("/f/newsletter", Map.of("email", "anna@example.dk", "consent", true,
                "role", "admin")), 400);
        assertProblem(anonymous.postRaw("/f/newsletter", "application/json", "{\"email\":"), 400);
        assertProblem(anonymous.postRaw("/f/newsletter", "text/plain", "email=x"), 415);
        byte[] huge = ("{\"email\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(anonymous.postRaw("/f/newsletter", "application/json", huge, Map.of()), 413);
        assertNothingWritten();
    }

    @Test
    void badBrowserInputShowsTheFormAgainWithTheErrors() {
        Answer page = anonymous.postForm("/f/newsletter", "email=anna%40&firstName=Anna%0D%0ABcc%3A+x");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("role=\"alert\"", "href=\"#cf-email\"", "href=\"#cf-consent\"",
                "href=\"#cf-firstName\"", "aria-invalid=\"true\"", "value=\"anna@\"");
        assertNothingWritten();
    }

    @Test
    void aFilledHoneypotGetsTheAnswerOfASuccessAndNothingHappens() {
        Answer json = anonymous.post("/f/newsletter",
                Map.of("email", "bot@example.dk", "consent", true, "website", "http://spam.example"));
        assertThat(json.status()).isEqualTo(202);
        assertThat(json.json().get("status").asText()).isEqualTo("PENDING");

        Answer browser = anonymous.postForm("/f/newsletter",
                "email=bot%40example.dk&consent=true&website=http%3A%2F%2Fspam.example");
        assertThat(browser.status()).isEqualTo(303);
        assertThat(browser.header("Location")).endsWith("/f/newsletter/thanks");
        assertNothingWritten();
    }

    @Test
    void unknownAndMalformedConfirmationLinksGetOneGenericGonePage() {
        String unknown = "A".repeat(43);
        for (Answer answer : new Answer[] {anonymous.get("/c/" + unknown), anonymous.postForm("/c/" + unknown, ""),
                anonymous.get("/c/short"), anonymous.postForm("/c/short", "")}) {
            assertThat(answer.status()).isEqualTo(410);
            assertThat(answer.contentType()).startsWith("text/html");
            assertThat(answer.body()).contains("This link is not valid any more");
        }
    }

    @Test
    void formsAndSubscriptionsApiNeedAKeyWithTheRole() {
        assertProblem(anonymous.post("/api/forms", Map.of("key", "x")), 401);
        assertProblem(anonymous.post("/api/subscriptions", Map.of("email", "anna@example.dk", "list", "news")), 401);
        assertProblem(anonymous.as(Api.OPERATOR_KEY).post("/api/forms", Map.of("key", "x")), 403);
        Answer invalid = anonymous.as(Api.ADMIN_KEY).post("/api/forms",
                Map.of("key", "Bad Key", "lists", java.util.List.of(), "channel", "EMAIL"));
        assertProblem(invalid, 400);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("key", "lists");
        Answer listed = anonymous.as(Api.ADMIN_KEY).get("/api/forms");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("key")).contains("newsletter");
    }

    @Test
    void rateLimitsAreCountedInTheDatabaseAndAnswerWhenToRetry() {
        String ip = "198.51.100." + (1 + (int) (Math.random() * 250));
        String address = UUID.randomUUID() + "@example.dk";
        for (int i = 0; i < 10; i++) {
            limits.check(ip + i, address);
        }
        var refused = catchThrowableOfType(() -> limits.check(ip, address), TooManyRequestsException.class);
        assertThat(refused.retryAfter().toSeconds()).isBetween(1L, 3600L);
        assertThat(jdbc.sql("select count(*) from subscription_rate_limit").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from subscription_rate_limit where encode(bucket, 'escape') like :a")
                .param("a", "%" + address + "%").query(Long.class).single()).isZero();
    }

    /**
     * The count's own commit does not wait for the WAL's flush; counted within a transaction of its caller, it must
     * leave that transaction's commit as it was (else everything the caller commits would not wait either).
     */
    @Test
    void aCountInItsCallersTransactionLeavesThatTransactionsCommitAsItWas() {
        String setting = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("set local synchronous_commit = on").update();
            limits.check("198.51.100." + (1 + (int) (Math.random() * 250)), UUID.randomUUID() + "@example.dk");
            return jdbc.sql("select current_setting('synchronous_commit')").query(String.class).single();
        });
        assertThat(setting).isEqualTo("on");
    }

    private void assertNothingWritten() {
        assertThat(doubleOptIns()).isEqualTo(doubleOptInsBefore);
        assertThat(instances()).isEqualTo(instancesBefore);
    }

    private long doubleOptIns() {
        return jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP'").query(Long.class).single();
    }

    private long instances() {
        return jdbc.sql("select count(*) from act_hi_procinst where proc_def_key_ = 'double-opt-in'")
                .query(Long.class).single();
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("Exception", "at dev.", "at org.");
    }
}
