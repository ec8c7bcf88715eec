package dev.consentflow.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.ExternalLinter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springdoc.core.service.OpenAPIService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The published contract as its users read it: {@code /v3/api-docs} of the running server, checked here and by
 * the linter they run (Redocly, with the repository's {@code redocly.yaml}).
 */
@IntegrationTest
class ApiContractIT {

    @LocalServerPort
    int port;
    @Autowired
    ApiDocsPrebuild prebuild;
    @Autowired
    OpenAPIService openApi;

    @Test
    void everyOperationHasItsStableIdSummaryTagAndNoneIsLeftOut() {
        JsonNode doc = document();
        List<String> withoutRow = new ArrayList<>();
        Map<String, String> ids = new TreeMap<>();
        operations(doc).forEach((key, operation) -> {
            String[] parts = key.split(" ", 2);
            var row = ApiOperations.find(parts[0], parts[1]);
            if (row.isEmpty()) {
                withoutRow.add(key);
                return;
            }
            ids.put(key, operation.path("operationId").asText());
            assertThat(operation.path("operationId").asText()).as(key).isEqualTo(row.get().id());
            assertThat(operation.path("summary").asText()).as(key).isEqualTo(row.get().summary());
            assertThat(operation.path("tags").get(0).asText()).as(key).isEqualTo(row.get().tag().title);
        });

        assertThat(withoutRow).as("operations without a row in ApiOperations").isEmpty();
        assertThat(ids.values()).doesNotHaveDuplicates();
        assertThat(ids).containsEntry("POST /api/subscriptions", "createSubscription")
                .containsEntry("GET /actuator/health", "getHealth");
        assertThat(doc.path("paths").has("/error")).isFalse();
        assertThat(doc.path("paths").fieldNames()).toIterable().noneMatch(path -> path.startsWith("/dev/"));
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Consentflow API");
        assertThat(doc.path("info").path("description").asText()).contains("Bearer", "problem+json");
    }

    @Test
    void theApiTakesTheKeyAsBearerTokenAndThePublicPagesNone() {
        JsonNode doc = document();
        JsonNode scheme = doc.path("components").path("securitySchemes").path(ApiContract.SECURITY_SCHEME);
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("security").get(0).has(ApiContract.SECURITY_SCHEME)).isTrue();

        operations(doc).forEach((key, operation) -> {
            String path = key.split(" ", 2)[1];
            if (ApiContract.PUBLIC.stream().anyMatch(path::startsWith)) {
                assertThat(operation.has("security")).as(key).isTrue();
                assertThat(operation.path("security")).as(key).isEmpty();
            } else {
                assertThat(path).startsWith("/api/");
                assertThat(operation.has("security")).as(key + " inherits the key").isFalse();
                assertThat(operation.path("responses").has("401")).as(key).isTrue();
            }
        });
        assertThat(operations(doc)).containsKeys("GET /f/{key}", "POST /c/{token}", "POST /u/{token}",
                "GET /t/o/{token}", "GET /actuator/health");
    }

    /** What Swagger UI's Authorize button sends with a key is what the server takes. */
    @Test
    void swaggerUiOffersTheSchemeAndAKeyGivenThatWayIsAccepted() {
        Api.Answer ui = Api.at(port).get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        JsonNode config = Api.at(port).get("/v3/api-docs/swagger-config").json();
        assertThat(config.path("url").asText()).isEqualTo("/v3/api-docs");

        String server = document().path("servers").get(0).path("url").asText();
        assertThat(server).endsWith(":" + port);
        Api.Answer withKey = Api.at(port).get("/api/lists", Map.of("Authorization", "Bearer " + Api.ADMIN_KEY));
        Api.Answer without = Api.at(port).get("/api/lists");
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(without.status()).isEqualTo(401);
    }

    @Test
    void everyErrorIsAProblemAndTheRealStatusesAreListed() {
        JsonNode doc = document();
        operations(doc).forEach((key, operation) -> operation.path("responses").fields().forEachRemaining(answer -> {
            boolean error = answer.getKey().startsWith("4");
            boolean page = ApiContract.PUBLIC.stream().anyMatch(prefix -> key.contains(" " + prefix));
            if (error && !page) {
                assertThat(answer.getValue().path("content").path("application/problem+json").path("schema")
                        .path("$ref").asText()).as(key + " " + answer.getKey()).isEqualTo("#/components/schemas/Problem");
            }
        }));

        assertThat(statuses(doc, "POST /api/subscriptions")).contains("201", "202", "400", "401", "403", "409");
        assertThat(statuses(doc, "POST /api/lists/{key}/subscriptions")).contains("200", "201", "202", "404", "409");
        assertThat(statuses(doc, "POST /f/{key}")).contains("202", "303", "400", "429").doesNotContain("401");
        assertThat(statuses(doc, "POST /api/contacts/{id}/erase")).contains("202").doesNotContain("200");
        assertThat(statuses(doc, "POST /api/imports")).contains("202", "413", "415");
        assertThat(statuses(doc, "POST /c/{token}")).contains("200", "410");
        JsonNode problem = doc.path("components").path("schemas").path("Problem");
        assertThat(problem.path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("type", "title", "status", "detail");
    }

    /**
     * What the background thread does a while after the server is ready (off in tests: see application-test.yml)
     * builds the one document every request is then served from, whatever its language.
     */
    @Test
    void theDocumentIsBuiltAheadOfItsFirstRequestAndServedInEveryLanguage() {
        assertThat(prebuild.build()).as("springdoc's build reached").isTrue();
        assertThat(openApi.getCachedOpenAPI(Locale.ENGLISH)).isNotNull();

        for (String language : List.of("da", "de-DE", "en-GB")) {
            Api.Answer answer = Api.at(port).get("/v3/api-docs", Map.of("Accept-Language", language));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("info").path("title").asText()).isEqualTo("Consentflow API");
        }
        assertThat(openApi.getCachedOpenAPI(Locale.forLanguageTag("da"))).as("no second document for Danish").isNull();
    }

    @Test
    void redoclyFindsNoErrorAndNoWarning() throws IOException, InterruptedException {
        // Read as the README's recipe reads it (curl localhost:8080/v3/api-docs): the document names the server it
        // was fetched from, and a user's lint sees "localhost" there, not this class's 127.0.0.1.
        HttpResponse<String> asUsersFetchIt = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asUsersFetchIt.statusCode()).isEqualTo(200);
        Path file = Files.createDirectories(Path.of("target", "openapi")).resolve("api-docs.json");
        Files.writeString(file, asUsersFetchIt.body());

        ExternalLinter.Run run = ExternalLinter.npx(ExternalLinter.REDOCLY, "lint", file.toString(),
                "--config", "redocly.yaml");

        assertThat(run.exitCode()).as("redocly lint; output:%n%s", run.output()).isZero();
        assertThat(run.output()).as("redocly lint").doesNotContainIgnoringCase("warning");
    }

    private JsonNode document() {
        Api.Answer answer = Api.at(port).get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> operations = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method.getKey())) {
                operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }));
        return operations;
    }

    private static List<String> statuses(JsonNode doc, String key) {
        List<String> statuses = new ArrayList<>();
        operations(doc).get(key).path("responses").fieldNames().forEachRemaining(statuses::add);
        return statuses;
    }
}
