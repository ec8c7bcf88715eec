package dev.consentflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API.md section 11: console users of an account, invited by mail with a one-use link, removed by an ADMIN. */
@IntegrationTest
class ConsoleUsersIT {

    private static final Pattern INVITE_LINK = Pattern.compile("https?://[^\\s\"<>]+(/app/invite/[A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api anonymous;
    Api admin;

    @BeforeEach
    void account() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous);
    }

    @Test
    void anAdminKeyInvitesAPersonWhoGetsAOneUseLinkByMail() {
        String email = "officer-" + UUID.randomUUID() + "@example.dk";
        Answer invited = admin.post("/api/users", Map.of("email", email, "role", "COMPLIANCE"));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.json().get("status").asText()).isEqualTo("INVITED");
        assertThat(invited.json().get("role").asText()).isEqualTo("COMPLIANCE");

        String link = invitePath(DevMailbox.of(anonymous).awaitMail(email, "Invitation"));
        assertThat(jdbc.sql("select count(*) from console_invitation where token_hash = sha256(convert_to(:t, 'UTF8'))")
                .param("t", link.substring(link.lastIndexOf('/') + 1)).query(Long.class).single()).isZero();
        assertThat(anonymous.get(link).status()).isEqualTo(200);

        assertThat(anonymous.postForm(link, "password=short&repeat=short").status()).isEqualTo(403);
        assertThat(admin.get("/api/users").json().get(0).get("status").asText()).isEqualTo("INVITED");
    }

    @Test
    void aWrongOrMalformedInvitationLinkAnswersGone() {
        assertThat(anonymous.get("/app/invite/" + "A".repeat(43)).status()).isEqualTo(410);
        assertThat(anonymous.get("/app/invite/nonsense").status()).isEqualTo(410);
    }

    @Test
    void badInvitationsAreRefusedWithProblemsAndNothingIsWritten() {
        assertThat(admin.post("/api/users", Map.of("email", "not an address", "role", "ADMIN")).status()).isEqualTo(400);
        assertThat(admin.post("/api/users", Map.of("email", "x-" + UUID.randomUUID() + "@example.dk", "role", "OPERATOR"))
                .status()).isEqualTo(400);
        String email = "twice-" + UUID.randomUUID() + "@example.dk";
        assertThat(admin.post("/api/users", Map.of("email", email, "role", "MARKETER")).status()).isEqualTo(201);
        assertThat(admin.post("/api/users", Map.of("email", email.toUpperCase(), "role", "MARKETER")).status())
                .isEqualTo(409);
        assertThat(admin.get("/api/users").json()).hasSize(1);
        assertThat(TestAccounts.newKey(admin, "COMPLIANCE").post("/api/users",
                Map.of("email", "y-" + UUID.randomUUID() + "@example.dk", "role", "ADMIN")).status()).isEqualTo(403);
    }

    @Test
    void aRemovedUserIsGoneFromTheListAndAnotherAccountCannotRemoveThem() {
        String email = "leaver-" + UUID.randomUUID() + "@example.dk";
        String id = admin.post("/api/users", Map.of("email", email, "role", "MARKETER")).json().get("id").asText();

        Api other = TestAccounts.newAccount(anonymous);
        assertThat(other.delete("/api/users/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/api/users/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/users").json()).isEmpty();
        assertThat(admin.delete("/api/users/" + id).status()).isEqualTo(404);

        JsonNode audit = admin.get("/api/audit?action=USER_REMOVED").json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor").asText()).startsWith("admin:");
    }

    @Test
    void theOpenApiDescriptionNamesTheUserEndpointsAndNoConsolePage() {
        JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/api/users")).isTrue();
        assertThat(paths.get("/api/users").has("post")).isTrue();
        assertThat(paths.get("/api/users/{id}").has("delete")).isTrue();
        assertThat(paths.fieldNames()).toIterable().noneMatch(path -> path.startsWith("/app"));
    }

    static String invitePath(JsonNode mail) {
        Matcher link = INVITE_LINK.matcher(mail.get("body").asText().replace("=\r\n", "").replace("=\n", ""));
        if (!link.find()) {
            throw new AssertionError("no invitation link in " + mail);
        }
        return link.group(1);
    }
}
