package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Two customers on one server: neither sees, finds or changes the other's people and lists. */
@IntegrationTest
class ContactIsolationIT {

    @LocalServerPort
    int port;

    Api acme;
    Api globex;
    String email;
    String acmeContact;

    @BeforeEach
    void twoAccountsWithTheSameListKey() {
        acme = TestAccounts.newAccount(Api.at(port));
        globex = TestAccounts.newAccount(Api.at(port));
        assertThat(acme.post("/api/lists", Map.of("key", "news", "name", "Acme news")).status()).isEqualTo(201);
        assertThat(globex.post("/api/lists", Map.of("key", "news", "name", "Globex news")).status()).isEqualTo(201);
        email = "shared-" + UUID.randomUUID() + "@example.dk";
        acmeContact = subscribe(acme, email).json().get("subscriberId").asText();
    }

    @Test
    void anotherAccountsContactIdIsUnknown() {
        assertProblem(globex.get("/api/contacts/" + acmeContact), 404);
        assertProblem(globex.patch("/api/contacts/" + acmeContact, Map.of("fields", Map.of("firstName", "Mallory"))), 404);
        assertProblem(globex.get("/api/contacts/" + acmeContact + "/audit"), 404);
        assertProblem(globex.get("/api/contacts/" + UUID.randomUUID()), 404);
        assertThat(acme.get("/api/contacts/" + acmeContact).json().get("fields").has("firstName")).isFalse();
    }

    @Test
    void anotherAccountsAddressFindsNothing() {
        assertThat(globex.get("/api/contacts?email=" + email).json()).isEmpty();
        assertThat(acme.get("/api/contacts?email=" + email).json()).hasSize(1);
    }

    @Test
    void theSameAddressInTwoAccountsIsTwoPeople() {
        String globexContact = subscribe(globex, email).json().get("subscriberId").asText();
        assertThat(globexContact).isNotEqualTo(acmeContact);
        assertThat(globex.get("/api/contacts?email=" + email).json().findValuesAsText("subscriberId"))
                .containsExactly(globexContact);
        assertThat(acme.get("/api/contacts?email=" + email).json().findValuesAsText("subscriberId"))
                .containsExactly(acmeContact);
    }

    @Test
    void eachAccountSeesOnlyItsOwnListsAndSubscribesOnlyToThem() {
        assertThat(acme.get("/api/lists").json().findValuesAsText("name")).containsExactly("Acme news");
        assertThat(acme.post("/api/lists", Map.of("key", "acme-only", "name", "Only")).status()).isEqualTo(201);
        Answer foreignList = globex.post("/api/subscriptions", Map.of("email", "x-" + UUID.randomUUID() + "@example.dk",
                "list", "acme-only", "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        assertProblem(foreignList, 400);
        assertThat(foreignList.json().get("errors").get(0).get("field").asText()).isEqualTo("list");
    }

    @Test
    void anAccountsAuditChainHoldsOnlyItsOwnFacts() {
        assertThat(globex.get("/api/audit").json().findValuesAsText("subscriberId")).doesNotContain(acmeContact);
        assertThat(acme.get("/api/audit").json().findValuesAsText("subscriberId")).contains(acmeContact);
    }

    @Test
    void theOperatorReadsEveryAccountMaskedAndOnlyByNamingIt() {
        Api operator = Api.at(port).as(Api.OPERATOR_KEY);
        Answer card = operator.get("/api/contacts/" + acmeContact);
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.body()).doesNotContain(email);
        String acmeId = TestAccounts.accountId(acme);
        String globexId = TestAccounts.accountId(globex);
        assertThat(operator.get("/api/contacts?email=" + email + "&account=" + acmeId).json()).hasSize(1);
        assertThat(operator.get("/api/contacts?email=" + email + "&account=" + globexId).json()).isEmpty();
        assertThat(operator.get("/api/lists?account=" + acmeId).json().findValuesAsText("name"))
                .containsExactly("Acme news");
        assertProblem(acme.get("/api/contacts?email=" + email + "&account=" + globexId), 400);
        Answer missing = operator.get("/api/contacts/" + UUID.randomUUID());
        assertProblem(missing, 404);
    }

    private static Answer subscribe(Api api, String address) {
        Answer answer = api.post("/api/subscriptions", Map.of("email", address, "list", "news", "confirmed", true,
                "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer;
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
