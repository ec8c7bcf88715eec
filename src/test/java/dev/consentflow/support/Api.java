package dev.consentflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A plain HTTP client for end-to-end tests: real requests on the server's port, answers never thrown, bodies
 * parsed as JSON when they are JSON. Redirects are not followed, so {@code 303} answers can be checked.
 */
public final class Api {

    public static final String ADMIN_KEY = "cf_test_admin_key_0123456789abcdefghijklmnopqrstuv";
    public static final String OPERATOR_KEY = "cf_test_operator_key_0123456789abcdefghijklmnopqr";

    private static final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String base;
    private final String key;

    private Api(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static Api at(int port) {
        return new Api("http://127.0.0.1:" + port, null);
    }

    public Api as(String apiKey) {
        return new Api(base, apiKey);
    }

    /**
     * Makes a list of the {@code acme} brand and an email signup form for it that asks for a first name, with this
     * client's key (an admin's); answers the form's key, {@code prefix-xxxxxxxx-signup}.
     */
    public String newSignupForm(String prefix, String listName) {
        String list = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String form = list + "-signup";
        for (Answer made : new Answer[] {post("/api/lists", Map.of("key", list, "name", listName, "brand", "acme")),
                post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL",
                        "fields", List.of("firstName")))}) {
            if (made.status() != 201) {
                throw new IllegalStateException("not made (" + made.status() + "): " + made.body());
            }
        }
        return form;
    }

    /** The API key this client sends, or null. */
    public String key() {
        return key;
    }

    public String base() {
        return base;
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    public Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** A GET whose answer is kept as bytes: downloads such as spreadsheets. */
    public Download download(String path) {
        try {
            HttpResponse<byte[]> response = http.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Answer post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    public Answer put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    public Answer patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    public Answer postRaw(String path, String contentType, String body) {
        return postRaw(path, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Answer postRaw(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** An OPTIONS request, for example a browser's CORS preflight. */
    public Answer options(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Answer postForm(String path, String urlEncoded) {
        return postRaw(path, "application/x-www-form-urlencoded", urlEncoded);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private static String toJson(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer: status, headers and body, with the body as JSON on demand. */
    public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return json.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A downloaded file: status, headers and the body's bytes. */
    public record Download(int status, Map<String, java.util.List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return json.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + text(), e);
            }
        }
    }
}
