package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=CampaignPageRenderBench -Dbench.recipients=10000}), never by the build. The server's time to answer the
 * campaign page and its progress fragment (what the browser polls every second) while a campaign to
 * {@code bench.recipients} confirmed people sends, through a signed-in marketer's session; one JSON line.
 */
@IntegrationTest
class CampaignPageRenderBench {

    static final int RECIPIENTS = Integer.getInteger("bench.recipients", 10_000);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern INVITE = Pattern.compile("(/app/invite/[A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Test
    void campaignPageWhileALargeCampaignSends() throws Exception {
        Api admin = TestAccounts.newAccount(Api.at(port));
        admin.post("/api/lists", Map.of("key", "big", "name", "Big"));
        StringBuilder csv = new StringBuilder("email,firstName\n");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append("bench-").append(run).append('-').append(i).append("@example.dk,Person ").append(i).append('\n');
        }
        String boundary = "----bench" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"list\"\r\n\r\nbig\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\nCONFIRMED\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        String importId = admin.postRaw("/api/imports", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8), Map.of()).json().get("id").asText();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> "DONE".equals(admin.get("/api/imports/" + importId).json().get("status").asText()));
        admin.post("/api/templates", Map.of("key", "big", "subject", "Hi {{firstName}}",
                "html", "<p>Hi {{firstName}}, <a href=\"https://shop.example/x\">x</a></p>", "text", "Hi {{firstName}}"));
        String id = admin.post("/api/campaigns", Map.of("name", "Big", "list", "big", "template", "big"))
                .json().get("id").asText();

        String email = "bench-" + UUID.randomUUID() + "@example.dk";
        admin.post("/api/users", Map.of("email", email, "role", "MARKETER"));
        Matcher link = INVITE.matcher(DevMailbox.of(Api.at(port)).awaitMail(email, "Invitation").get("body").asText()
                .replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).isTrue();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String password = "a bench password of some length";
        post(http, link.group(1), csrf(http, link.group(1)), "password", password, "repeat", password);
        post(http, "/app/login", csrf(http, "/app/login"), "username", email, "password", password);

        long sendStarted = System.nanoTime();
        assertThat(admin.post("/api/campaigns/" + id + "/send", Map.of()).status()).isEqualTo(202);
        List<Long> page = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        while (!"SENT".equals(admin.get("/api/campaigns/" + id).json().get("status").asText())) {
            page.add(timed(http, "/app/campaigns/" + id));
            progress.add(timed(http, "/app/campaigns/" + id + "/progress"));
        }
        long sendSeconds = (System.nanoTime() - sendStarted) / 1_000_000_000;
        Collections.sort(page);
        Collections.sort(progress);
        System.out.println("{\"bench\": \"campaign-page-while-sending\", \"recipients\": " + RECIPIENTS
                + ", \"samples\": " + page.size() + ", \"pageP50Ms\": " + page.get(page.size() / 2)
                + ", \"pageP95Ms\": " + page.get(page.size() * 95 / 100) + ", \"progressP50Ms\": "
                + progress.get(progress.size() / 2) + ", \"progressP95Ms\": " + progress.get(progress.size() * 95 / 100)
                + ", \"sendSeconds\": " + sendSeconds + "}");
    }

    private long timed(HttpClient http, String path) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(get(path), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.statusCode()).isEqualTo(200);
        return millis;
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
