package dev.consentflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.support.Api;
import dev.consentflow.support.DevMailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console session at the HTTP level, for tests that need a signed-in person but no browser: joins by an
 * invitation, signs in with the login form, and posts forms with the page's CSRF token. Keeps its cookies itself
 * (the JDK's cookie manager would not send a cookie marked Secure over plain http).
 */
final class ConsoleSession {

    static final String PASSWORD = "correct horse battery staple";
    private static final Pattern INVITE_LINK = Pattern.compile("https?://[^\\s\"<>]+(/app/invite/[A-Za-z0-9_-]{43})");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private ConsoleSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Invites a person of the role through the account's admin key, joins, and signs them in. */
    static ConsoleSession join(int port, Api accountAdmin, String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.dk";
        assertThat(accountAdmin.post("/api/users", Map.of("email", email, "role", role)).status()).isEqualTo(201);
        JsonNode mail = DevMailbox.of(Api.at(port)).awaitMail(email, "Invitation");
        Matcher link = INVITE_LINK.matcher(mail.get("body").asText().replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).isTrue();
        ConsoleSession session = new ConsoleSession(port);
        HttpResponse<byte[]> joined = session.submit(link.group(1), link.group(1),
                Map.of("password", PASSWORD, "repeat", PASSWORD));
        assertThat(joined.headers().firstValue("Location").orElse("")).endsWith("/app/login?joined");
        HttpResponse<byte[]> signedIn = session.submit("/app/login", "/app/login",
                Map.of("username", email, "password", PASSWORD));
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return session;
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    String page(String path) {
        HttpResponse<byte[]> page = get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return new String(page.body(), StandardCharsets.UTF_8);
    }

    /** Posts a form to {@code action} with the CSRF token of the page at {@code formPage}. */
    HttpResponse<byte[]> submit(String formPage, String action, Map<String, String> fields) {
        Matcher token = CSRF.matcher(page(formPage));
        assertThat(token.find()).as("a CSRF token on " + formPage).isTrue();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", token.group(1).replace("&#45;", "-"));
        String body = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.headers().allValues("Set-Cookie").forEach(cookie -> {
                String pair = cookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            });
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
