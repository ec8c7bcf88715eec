package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Lists, pre-confirmed subscriptions, cards, lookups and changes, as an integration and its staff use them. */
@IntegrationTest
class ContactCardIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    Api operator;
    String list;
    String email;

    @BeforeEach
    void setUp() {
        admin = Api.at(port).as(Api.ADMIN_KEY);
        operator = Api.at(port).as(Api.OPERATOR_KEY);
        list = "news-" + UUID.randomUUID().toString().substring(0, 8);
        email = "Anna." + UUID.randomUUID().toString().substring(0, 8) + "@Example.DK";
        Answer created = admin.post("/api/lists", Map.of("key", list, "name", "Newsletter", "brand", "acme"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aListKeyIsUniqueInTheAccountAndListed() {
        assertProblem(admin.post("/api/lists", Map.of("key", list, "name", "Again")), 409);
        Answer lists = admin.get("/api/lists");
        assertThat(lists.json().findValuesAsText("key")).contains(list);
        assertThat(lists.json().get(0).has("brand")).isTrue();
    }

    @Test
    void badListKeysAndNamesAreRefusedNamingTheField() {
        for (String key : List.of("News", "a b", "", "x".repeat(65), "ä", "a_b", "news\n")) {
            Answer answer = admin.post("/api/lists", Map.of("key", key, "name", "x"));
            assertProblem(answer, 400);
            assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("key");
        }
        Answer noName = admin.post("/api/lists", Map.of("key", "ok-key"));
        assertThat(noName.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        Answer unknown = admin.post("/api/lists", Map.of("key", "ok-key", "name", "x", "colour", "red"));
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("colour");
        assertThat(jdbc.sql("select count(*) from contacts_list where key = 'ok-key'").query(Long.class).single()).isZero();
    }

    @Test
    void aConfirmedSubscriptionCreatesACardWithItsEvidence() {
        Answer subscribed = subscribeConfirmed(email, Map.of("firstName", "Anna"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        assertThat(subscribed.json().get("status").asText()).isEqualTo("CONFIRMED");
        String id = subscribed.json().get("subscriberId").asText();

        JsonNode card = admin.get("/api/contacts/" + id).json();
        assertThat(card.get("subscriberId").asText()).isEqualTo(id);
        assertThat(card.get("email").asText()).isEqualTo(email.substring(0, email.indexOf('@')) + "@example.dk");
        assertThat(card.get("mobile").isNull()).isTrue();
        assertThat(card.get("permission").asText()).isEqualTo("CONFIRMED");
        assertThat(card.get("source").asText()).isEqualTo("API");
        assertThat(card.get("mailRating").asInt()).isEqualTo(3);
        assertThat(card.get("fields").get("firstName").asText()).isEqualTo("Anna");
        JsonNode subscription = card.get("subscriptions").get(0);
        assertThat(subscription.get("list").asText()).isEqualTo(list);
        assertThat(subscription.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(subscription.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(subscription.get("subscribedAt").asText()).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(subscription.get("subscribeIp").asText()).isEqualTo("203.0.113.7");
        assertThat(subscription.get("confirmedAt").asText()).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(subscription.get("confirmIp").asText()).isEqualTo("203.0.113.7");
        assertThat(card.get("events").isArray()).isTrue();
        assertThat(card.has("erasedAt")).isTrue();
        assertThat(card.get("erasedAt").isNull()).isTrue();
    }

    @Test
    void aLookupFindsTheFullAddressInAnyCaseAndAPartialOneFindsNothing() {
        String id = subscribeConfirmed(email, Map.of()).json().get("subscriberId").asText();

        Answer exact = admin.get("/api/contacts?email=" + email.toLowerCase());
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.json()).hasSize(1);
        assertThat(exact.json().get(0).get("subscriberId").asText()).isEqualTo(id);
        assertThat(admin.get("/api/contacts?email=" + email.toUpperCase()).json()).hasSize(1);
        assertThat(admin.get("/api/contacts?email=%20" + email + "%20").json()).hasSize(1);

        for (String partial : List.of(email.substring(0, 5), email.substring(0, email.indexOf('@') + 1),
                email.substring(email.indexOf('@')), email.substring(1), "%25")) {
            Answer none = admin.get("/api/contacts?email=" + partial);
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.json()).as(partial).isEmpty();
        }
        assertProblem(admin.get("/api/contacts"), 400);
    }

    @Test
    void aSecondConfirmedSubscriptionOfTheSameAddressJoinsTheSameCard() {
        String id = subscribeConfirmed(email, Map.of("firstName", "Anna")).json().get("subscriberId").asText();
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/lists", Map.of("key", other, "name", "Other"));
        Map<String, Object> body = new HashMap<>(confirmedBody(email.toUpperCase(), Map.of("city", "Aarhus")));
        body.put("list", other);
        Answer again = admin.post("/api/subscriptions", body);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("subscriberId").asText()).isEqualTo(id);

        JsonNode card = admin.get("/api/contacts/" + id).json();
        assertThat(card.get("subscriptions")).hasSize(2);
        assertThat(card.get("fields").get("firstName").asText()).isEqualTo("Anna");
        assertThat(card.get("fields").get("city").asText()).isEqualTo("Aarhus");
    }

    @Test
    void aPatchChangesFieldsAndMobileAndRecordsAnUpdate() {
        String id = subscribeConfirmed(email, Map.of("firstName", "Anna", "city", "Aarhus"))
                .json().get("subscriberId").asText();
        Map<String, Object> fields = new HashMap<>();
        fields.put("firstName", "Anne");
        fields.put("city", null);
        Answer patched = admin.patch("/api/contacts/" + id, Map.of("fields", fields, "mobile", "+4512345678"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode card = patched.json();
        assertThat(card.get("fields").get("firstName").asText()).isEqualTo("Anne");
        assertThat(card.get("fields").has("city")).isFalse();
        assertThat(card.get("mobile").asText()).isEqualTo("+4512345678");
        assertThat(card.get("events").get(0).get("type").asText()).isEqualTo("UPDATE");

        assertThat(admin.get("/api/contacts?mobile=%2B4512345678").json().findValuesAsText("subscriberId"))
                .contains(id);
    }

    @Test
    void badPatchesAreRefusedNamingTheFieldAndChangeNothing() {
        String id = subscribeConfirmed(email, Map.of("firstName", "Anna")).json().get("subscriberId").asText();
        assertField(admin.patch("/api/contacts/" + id, Map.of("mobile", "12345678")), "mobile");
        assertField(admin.patch("/api/contacts/" + id, Map.of("mobile", "+45 1234 5678")), "mobile");
        assertField(admin.patch("/api/contacts/" + id, Map.of("fields", Map.of("firstName", "a\r\nBcc: x"))),
                "fields.firstName");
        assertField(admin.patch("/api/contacts/" + id, Map.of("fields", Map.of("firstName", "x".repeat(1001)))),
                "fields.firstName");
        assertField(admin.patch("/api/contacts/" + id, Map.of("fields", Map.of("first name", "x"))), "fields");
        assertField(admin.patch("/api/contacts/" + id, Map.of("email", "new@example.org")), "email");
        assertThat(admin.get("/api/contacts/" + id).json().get("fields").get("firstName").asText()).isEqualTo("Anna");
    }

    @Test
    void anOperatorSeesEveryCardMaskedAndCannotChangeIt() {
        Map<String, String> fields = Map.of("firstName", "Anna", "workMail", "anna.work@example.org");
        String id = subscribeConfirmed(email, fields).json().get("subscriberId").asText();
        admin.patch("/api/contacts/" + id, Map.of("mobile", "+4587654321"));

        Answer masked = operator.get("/api/contacts/" + id);
        assertThat(masked.status()).as(masked.body()).isEqualTo(200);
        assertThat(masked.body()).doesNotContain(email, email.toLowerCase(), "+4587654321", "anna.work@example.org");
        assertThat(masked.json().get("email").asText()).contains("*").contains("@").hasSameSizeAs(email);
        assertThat(masked.json().get("mobile").asText()).contains("*").startsWith("+");

        String account = admin.get("/api/accounts/current").json().get("id").asText();
        Answer found = operator.get("/api/contacts?email=" + email + "&account=" + account);
        assertThat(found.json()).hasSize(1);
        assertThat(found.body()).doesNotContain(email, email.toLowerCase());
        assertProblem(operator.get("/api/contacts?email=" + email), 400);
        assertProblem(operator.patch("/api/contacts/" + id, Map.of("fields", Map.of("firstName", "X"))), 403);
        assertProblem(operator.post("/api/subscriptions", confirmedBody(email, Map.of())), 403);
    }

    @Test
    void invalidSubscriptionsAreRefusedNamingEveryFieldAndWriteNothing() {
        long before = jdbc.sql("select count(*) from contacts_contact").query(Long.class).single();
        Map<String, Object> body = new HashMap<>(confirmedBody("anna@@example.dk", Map.of("bad name", "x")));
        body.put("list", "no-such-list");
        body.put("ip", "example.org");
        Answer refused = admin.post("/api/subscriptions", body);
        assertProblem(refused, 400);
        assertThat(refused.json().get("errors").findValuesAsText("field"))
                .contains("email", "list", "ip", "fields");
        assertThat(refused.body()).doesNotContain("anna@@example.dk");

        Map<String, Object> noEvidence = new HashMap<>(confirmedBody(email, Map.of()));
        noEvidence.remove("ip");
        noEvidence.remove("at");
        assertThat(admin.post("/api/subscriptions", noEvidence).json().get("errors").findValuesAsText("field"))
                .contains("ip", "at");
        assertThat(jdbc.sql("select count(*) from contacts_contact").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aSubscriptionWithoutConfirmedIsLeftToTheDoubleOptIn() {
        Map<String, Object> body = new HashMap<>(confirmedBody(email, Map.of()));
        body.remove("confirmed");
        Answer answer = admin.post("/api/subscriptions", body);
        assertThat(answer.status()).isIn(202, 501);
    }

    private Answer subscribeConfirmed(String address, Map<String, String> fields) {
        return admin.post("/api/subscriptions", confirmedBody(address, fields));
    }

    private Map<String, Object> confirmedBody(String address, Map<String, String> fields) {
        return Map.of("email", address, "list", list, "fields", fields, "confirmed", true,
                "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z");
    }

    private static void assertField(Answer answer, String field) {
        assertProblem(answer, 400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).contains(field);
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
