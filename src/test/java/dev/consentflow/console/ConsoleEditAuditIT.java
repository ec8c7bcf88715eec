package dev.consentflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Edits of an account's brands, lists and list mails are audited as the account's own facts (no person), with who,
 * when and what: the same entry whether a marketer makes the change in the console or an integration through the
 * API; a compliance officer finds them in the console's audit log.
 */
@IntegrationTest
class ConsoleEditAuditIT {

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void account() {
        admin = TestAccounts.newAccount(Api.at(port));
        Map<String, Object> brand = new HashMap<>();
        brand.put("key", "acme");
        brand.put("name", "Acme");
        brand.put("privacyUrl", "https://acme.example/privacy");
        brand.put("controller", Map.of("name", "Acme A/S", "address", "Havnegade 1, 1058 København K",
                "email", "privacy@acme.example"));
        Answer created = admin.post("/api/brands", brand);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/lists", Map.of("key", "news", "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
    }

    @Test
    void aBrandsControllerAndPrivacyPolicyChangedInTheConsoleOrThroughTheApiAreAuditedWithWhoAndWhichFields() {
        JsonNode created = only("BRAND_CREATED");
        assertThat(created.get("actor").asText()).startsWith("admin:");
        assertThat(created.get("detail").get("brand").asText()).isEqualTo("acme");
        assertThat(names(created.get("detail").get("fields")))
                .containsExactly("name", "controller.name", "controller.address", "controller.email", "privacyUrl");

        ConsoleSession marketer = ConsoleSession.join(port, admin, "MARKETER");
        Map<String, String> form = new HashMap<>(Map.of("name", "Acme", "controllerName", "Acme Holding A/S",
                "controllerAddress", "Havnegade 1, 1058 København K", "controllerEmail", "privacy@acme.example",
                "privacyUrl", "https://acme.example/privacy-2027"));
        assertThat(marketer.submit("/app/brands/acme", "/app/brands/acme", form).statusCode()).isEqualTo(302);
        assertThat(marketer.submit("/app/brands/acme", "/app/brands/acme", form).statusCode())
                .as("saved unchanged").isEqualTo(302);

        JsonNode console = only("BRAND_CHANGED");
        assertThat(console.get("subscriberId").isNull()).as("the account's fact, not a person's").isTrue();
        assertThat(console.get("actor").asText()).as("the console user").startsWith("user:");
        assertThat(names(console.get("detail").get("fields"))).containsExactly("controller.name", "privacyUrl");

        Answer put = admin.put("/api/brands/acme", Map.of("name", "Acme", "logoUrl", "https://acme.example/logo.png",
                "controller", Map.of("name", "Acme Holding A/S", "address", "Havnegade 1, 1058 København K",
                        "email", "privacy@acme.example"), "privacyUrl", "https://acme.example/privacy-2027"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        List<JsonNode> changes = entries("BRAND_CHANGED");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).get("actor").asText()).as("the API key").startsWith("admin:");
        assertThat(names(changes.get(1).get("detail").get("fields"))).containsExactly("logoUrl");

        ConsoleSession officer = ConsoleSession.join(port, admin, "COMPLIANCE");
        String log = officer.page("/app/audit?action=BRAND_CHANGED");
        assertThat(log).contains("Brand changed", "data controller, privacy policy", "logo");
    }

    @Test
    void aListsSettingsAndItsConfirmationMailChangedInTheConsoleOrThroughTheApiAreAuditedAsTheAccountsFacts()
            throws Exception {
        assertThat(names(only("LIST_CREATED").get("detail").get("fields")))
                .containsExactly("name", "brand", "language");
        ConsoleSession marketer = ConsoleSession.join(port, admin, "MARKETER");
        HttpResponse<byte[]> saved = marketer.submit("/app/lists/news", "/app/lists/news", Map.of("name",
                "Acme News", "brand", "acme", "language", "da", "trackOpens", "true"));
        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode settings = only("LIST_CHANGED");
        assertThat(settings.get("actor").asText()).startsWith("user:");
        assertThat(settings.get("detail").get("list").asText()).isEqualTo("news");
        assertThat(names(settings.get("detail").get("fields"))).containsExactly("language", "trackOpens");
        assertThat(admin.patch("/api/lists/news", Map.of("name", "Acme Nyheder", "tracking", false)).status())
                .isEqualTo(200);
        List<JsonNode> changes = entries("LIST_CHANGED");
        assertThat(changes).as("one entry per change, not one per column").hasSize(2);
        assertThat(changes.get(1).get("actor").asText()).startsWith("admin:");
        assertThat(names(changes.get(1).get("detail").get("fields"))).containsExactly("name", "trackOpens");

        String subject = "Bekræft din tilmelding til {{listName}}";
        String html = "<p>Klik <a href=\"{{confirmUrl}}\">her</a>.</p>";
        String text = "Klik her: {{confirmUrl}}";
        assertThat(marketer.submit("/app/lists/news/messages/confirmation", "/app/lists/news/messages/confirmation",
                Map.of("subject", subject, "html", html, "text", text)).statusCode()).isEqualTo(302);
        JsonNode mail = only("LIST_MESSAGE_CHANGED");
        assertThat(mail.get("actor").asText()).startsWith("user:");
        assertThat(mail.get("detail").get("kind").asText()).isEqualTo("confirmation");
        assertThat(mail.get("detail").get("builtIn").asBoolean()).isFalse();
        assertThat(mail.get("detail").get("subjectSha256").asText()).isEqualTo(sha256(subject));
        assertThat(mail.get("detail").get("htmlSha256").asText()).isEqualTo(sha256(html));
        assertThat(mail.get("detail").get("textSha256").asText()).isEqualTo(sha256(text));
        assertThat(mail.toString()).as("the wording itself stays out of the log").doesNotContain("Klik");

        assertThat(admin.delete("/api/lists/news/messages/confirmation").status()).isBetween(200, 204);
        assertThat(admin.delete("/api/lists/news/messages/confirmation").status()).isBetween(200, 204);
        List<JsonNode> mails = entries("LIST_MESSAGE_CHANGED");
        assertThat(mails).as("a reset of the built-in text changes nothing").hasSize(2);
        assertThat(mails.get(1).get("actor").asText()).startsWith("admin:");
        assertThat(mails.get(1).get("detail").get("builtIn").asBoolean()).isTrue();
    }

    private List<JsonNode> entries(String action) {
        Answer found = admin.get("/api/audit?action=" + action);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return StreamSupport.stream(found.json().spliterator(), false).toList();
    }

    private JsonNode only(String action) {
        List<JsonNode> found = entries(action);
        assertThat(found).as(action).hasSize(1);
        return found.get(0);
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
