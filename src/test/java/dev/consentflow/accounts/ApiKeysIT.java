package dev.consentflow.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.AllAtOnce;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/keys} and {@code DELETE /api/keys/{id}}, through HTTP as an account's admin uses them. */
@IntegrationTest
class ApiKeysIT {

    @LocalServerPort
    int port;

    @Test
    void anAdminListsItsOwnAccountsKeysWithTheirLastUseAndNeverASecret() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        Api marketer = TestAccounts.newKey(admin, "MARKETER");

        Api.Answer listed = admin.get("/api/keys");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(marketer.key()).doesNotContain(admin.key());
        JsonNode marketerKey = byRole(listed, "MARKETER");
        assertThat(fieldNames(marketerKey)).containsExactlyInAnyOrder("id", "name", "role", "createdAt", "lastUsedAt");
        assertThat(marketerKey.get("name").asText()).isEqualTo("marketer key");
        assertThat(marketerKey.get("createdAt").isTextual()).isTrue();
        assertThat(marketerKey.get("lastUsedAt").isNull()).isTrue();
        assertThat(byRole(listed, "ADMIN").get("lastUsedAt").isTextual()).isTrue();
        assertThat(listed.json()).hasSize(2);

        assertThat(marketer.get("/api/accounts/current").status()).isEqualTo(200);
        assertThat(byRole(admin.get("/api/keys"), "MARKETER").get("lastUsedAt").isTextual()).isTrue();
    }

    @Test
    void aRevokedKeyAnswers401AtOnceOnTheApiAndTheEngineRestApiAndTheRevocationIsAudited() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        Api marketer = TestAccounts.newKey(admin, "MARKETER");
        assertThat(marketer.get("/api/accounts/current").status()).isEqualTo(200);
        assertThat(marketer.get("/engine-rest/deployment").status()).isEqualTo(200);
        String id = byRole(admin.get("/api/keys"), "MARKETER").get("id").asText();

        Api.Answer revoked = admin.delete("/api/keys/" + id);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(marketer.get("/api/accounts/current").status()).isEqualTo(401);
        Api.Answer engine = marketer.get("/engine-rest/deployment");
        assertThat(engine.status()).isEqualTo(401);
        assertThat(engine.contentType()).startsWith("application/problem+json");
        assertThat(marketer.post("/api/lists", Map.of("key", "k", "name", "n", "brand", "b")).status()).isEqualTo(401);
        assertThat(admin.get("/api/keys").json()).extracting(k -> k.get("id").asText()).doesNotContain(id);
        assertThat(admin.delete("/api/keys/" + id).status()).isEqualTo(404);
        JsonNode audit = admin.get("/api/audit?action=KEY_REVOKED").json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("detail").get("keyId").asText()).isEqualTo(id);
        assertThat(audit.get(0).get("detail").get("role").asText()).isEqualTo("MARKETER");
        assertThat(audit.get(0).get("actor").asText()).startsWith("admin:");
    }

    @Test
    void anotherAccountsKeyIsNotFoundAndKeepsWorking() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        Api otherAdmin = TestAccounts.newAccount(Api.at(port));
        Api otherMarketer = TestAccounts.newKey(otherAdmin, "MARKETER");
        String otherId = byRole(otherAdmin.get("/api/keys"), "MARKETER").get("id").asText();

        Api.Answer refused = admin.delete("/api/keys/" + otherId);

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(otherMarketer.get("/api/accounts/current").status()).isEqualTo(200);
        assertThat(admin.get("/api/keys").json()).extracting(k -> k.get("id").asText()).doesNotContain(otherId);
        assertThat(admin.delete("/api/keys/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void onlyAnAccountsAdminListsAndRevokesKeys() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        String adminId = byRole(admin.get("/api/keys"), "ADMIN").get("id").asText();
        List<Api> others = new ArrayList<>();
        for (String role : new String[] {"MARKETER", "COMPLIANCE"}) {
            others.add(TestAccounts.newKey(admin, role));
        }
        others.add(Api.at(port).as(Api.OPERATOR_KEY));

        for (Api other : others) {
            assertThat(other.get("/api/keys").status()).isEqualTo(403);
            assertThat(other.delete("/api/keys/" + adminId).status()).isEqualTo(403);
        }
        assertThat(Api.at(port).get("/api/keys").status()).isEqualTo(401);
        assertThat(admin.get("/api/accounts/current").status()).isEqualTo(200);
    }

    @Test
    void theAccountsLastAdminKeyCannotBeRevokedButAnAdminMayRevokeItsOwnKeyWhenAnotherRemains() {
        Api first = TestAccounts.newAccount(Api.at(port));
        String firstId = byRole(first.get("/api/keys"), "ADMIN").get("id").asText();

        Api.Answer lockout = first.delete("/api/keys/" + firstId);

        assertThat(lockout.status()).isEqualTo(409);
        assertThat(lockout.json().get("detail").asText()).contains("last ADMIN key");
        Api second = TestAccounts.newKey(first, "ADMIN");
        assertThat(first.delete("/api/keys/" + firstId).status()).isEqualTo(204);
        assertThat(first.get("/api/keys").status()).isEqualTo(401);
        JsonNode remaining = second.get("/api/keys").json();
        assertThat(remaining).hasSize(1);
        assertThat(second.delete("/api/keys/" + remaining.get(0).get("id").asText()).status()).isEqualTo(409);
    }

    @Test
    void twoAdminsRevokingEachOtherAtOnceLeaveOneAdminKey() throws Exception {
        Api first = TestAccounts.newAccount(Api.at(port));
        String firstId = byRole(first.get("/api/keys"), "ADMIN").get("id").asText();
        Api second = TestAccounts.newKey(first, "ADMIN");
        String secondId = StreamSupport.stream(first.get("/api/keys").json().spliterator(), false)
                .map(k -> k.get("id").asText()).filter(id -> !id.equals(firstId)).findFirst().orElseThrow();

        List<Integer> statuses = AllAtOnce.run(2, i -> () -> i == 0
                ? first.delete("/api/keys/" + secondId).status()
                : second.delete("/api/keys/" + firstId).status());

        // The loser is refused as the last admin (409), or its key was revoked before it authenticated (401).
        assertThat(statuses).containsOnlyOnce(204).containsAnyOf(409, 401);
        long working = List.of(first, second).stream().filter(a -> a.get("/api/keys").status() == 200).count();
        assertThat(working).isEqualTo(1);
    }

    @Test
    void theOpenApiDescriptionNamesTheAnswersOfListingAndRevoking() {
        JsonNode keys = Api.at(port).get("/v3/api-docs").json().get("paths").get("/api/keys");
        JsonNode key = Api.at(port).get("/v3/api-docs").json().get("paths").get("/api/keys/{id}");

        assertThat(fieldNames(keys.get("get").get("responses"))).contains("200", "401", "403");
        assertThat(fieldNames(key.get("delete").get("responses"))).contains("204", "401", "403", "404", "409");
    }

    private static JsonNode byRole(Api.Answer keys, String role) {
        assertThat(keys.status()).isEqualTo(200);
        return StreamSupport.stream(keys.json().spliterator(), false)
                .filter(k -> k.get("role").asText().equals(role)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " key in " + keys));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
