package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.support.Api;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ConsoleRenderBench}), never by the build. The p50 of rendering a person's card and timeline in the
 * console, for a person with 10,000 events (6,000 opens and clicks, 3,000 messages sent to them, 1,000 audit
 * entries), through a signed-in session; one JSON line.
 */
@IntegrationTest
class ConsoleRenderBench {

    static final int EVENTS = 10_000;
    static final int ROUNDS = 30;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern INVITE = Pattern.compile("(/app/invite/[A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog log;

    @Test
    void cardAndTimelineOfAPersonWithTenThousandEvents() throws Exception {
        Api admin = TestAccounts.newAccount(Api.at(port));
        admin.post("/api/lists", Map.of("key", "news", "name", "News", "brand", "acme"));
        String id = admin.post("/api/subscriptions", Map.of("email", "heavy-" + UUID.randomUUID() + "@example.dk",
                "list", "news", "confirmed", true, "ip", "203.0.113.7", "at", "2026-11-29T10:00:00Z")).json().get("subscriberId").asText();
        jdbc.sql("""
                insert into contacts_event (id, account_id, contact_id, type, at, campaign)
                select gen_random_uuid(), c.account_id, c.id, case when g % 4 = 0 then 'CLICK' else 'OPEN' end,
                       now() - (g || ' minutes')::interval, 'campaign-' || (g % 50)
                from contacts_contact c, generate_series(1, :n) g where c.id = :id""")
                .param("n", EVENTS * 6 / 10).param("id", UUID.fromString(id)).update();
        jdbc.sql("""
                insert into dispatch_delivery (message_id, account_id, subscriber_id, subscription_id, channel, purpose,
                                               batch_id, state, attempts, queued_at, finished_at, answer)
                select gen_random_uuid(), c.account_id, c.id, null, 'EMAIL', 'CAMPAIGN', 'campaign-' || (g % 50),
                       case when g % 10 = 0 then 'HARD_FAIL' else 'SENT' end, 1,
                       now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, '250 OK'
                from contacts_contact c, generate_series(1, :n) g where c.id = :id""")
                .param("n", EVENTS * 3 / 10).param("id", UUID.fromString(id)).update();
        AccountId account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < EVENTS / 10; i++) {
            entries.add(new AuditEntry(account, UUID.fromString(id), AuditAction.UPDATED, "admin:" + UUID.randomUUID(),
                    Map.of("fields", List.of("firstName"), "via", "api"), null));
        }
        log.appendAll(entries);

        String email = "bench-" + UUID.randomUUID() + "@example.dk";
        admin.post("/api/users", Map.of("email", email, "role", "COMPLIANCE"));
        Matcher link = INVITE.matcher(DevMailbox.of(Api.at(port)).awaitMail(email, "Invitation").get("body").asText()
                .replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).isTrue();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String password = "a bench password of some length";
        post(http, link.group(1), csrf(http, link.group(1)), "password", password, "repeat", password);
        post(http, "/app/login", csrf(http, "/app/login"), "username", email, "password", password);

        Map<String, Long> p50 = new java.util.LinkedHashMap<>();
        for (String page : List.of("/app/people/" + id, "/app/people/" + id + "/timeline")) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(get(page), HttpResponse.BodyHandlers.ofString());
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            Collections.sort(millis);
            p50.put(page.endsWith("timeline") ? "timelineP50Ms" : "cardP50Ms", millis.get(ROUNDS / 2));
        }
        System.out.println("{\"bench\": \"console-render\", \"events\": " + EVENTS + ", \"rounds\": " + ROUNDS
                + ", \"cardP50Ms\": " + p50.get("cardP50Ms") + ", \"timelineP50Ms\": " + p50.get("timelineP50Ms") + "}");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    }

    private String csrf(HttpClient http, String path) throws Exception {
        Matcher token = CSRF.matcher(http.send(get(path), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private void post(HttpClient http, String path, String csrf, String... form) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        for (int i = 0; i < form.length; i += 2) {
            body.append('&').append(form[i]).append('=').append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
    }
}
