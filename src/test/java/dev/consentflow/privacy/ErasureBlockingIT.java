package dev.consentflow.privacy;

import static dev.consentflow.privacy.GdprErasureIT.address;
import static dev.consentflow.privacy.GdprErasureIT.awaitErased;
import static dev.consentflow.privacy.GdprErasureIT.erase;
import static dev.consentflow.privacy.GdprErasureIT.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.contacts.ContactImports;
import dev.consentflow.imports.Uploads;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An erased address is blocked from every list of the account, on every way in: the integration's
 * pre-confirmed subscription and a marketer's list add answer {@code 409}; a double opt-in through the API or
 * a form answers as for anybody and writes and sends nothing. (There is no list-add endpoint besides
 * {@code POST /api/subscriptions}; imports are another issue and go through the same contacts calls.)
 */
@IntegrationTest
class ErasureBlockingIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    String erasedList;
    String otherList;
    String email;
    String tombstone;

    @BeforeEach
    void anErasedPerson() {
        admin = Api.at(port).as(Api.ADMIN_KEY);
        erasedList = list(admin);
        otherList = list(admin);
        email = address();
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", erasedList,
                "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        assertThat(subscribed.status()).isEqualTo(201);
        tombstone = subscribed.json().get("subscriberId").asText();
        erase(admin, tombstone);
        awaitErased(admin, tombstone);
    }

    @Test
    void aPreConfirmedSubscriptionOrAMarketersListAddOfAnErasedAddressAnswers409OnEveryList() {
        Api marketer = TestAccounts.newKey(admin, "MARKETER");
        for (Api key : List.of(admin, marketer)) {
            for (String list : List.of(erasedList, otherList)) {
                for (String spelling : List.of(email, email.toUpperCase())) {
                    Answer answer = key.post("/api/subscriptions", Map.of("email", spelling, "list", list,
                            "confirmed", true, "ip", "203.0.113.8", "at", "2025-11-30T10:00:00Z",
                            "fields", Map.of("firstName", "Back")));
                    assertThat(answer.status()).as(answer.body()).isEqualTo(409);
                    assertThat(answer.body()).doesNotContain(email);
                }
            }
        }
        assertNothingWritten();
    }

    @Test
    void aDoubleOptInThroughTheApiOrAFormAnswersAsForAnybodyAndOnlyAskForAConfirmedOptIn() {
        Answer api = admin.post("/api/subscriptions", Map.of("email", email, "list", otherList, "ip", "203.0.113.9"));
        assertThat(api.status()).as(api.body()).isEqualTo(202);
        assertThat(api.json().get("status").asText()).isEqualTo("PENDING");

        String form = otherList + "-signup";
        assertThat(admin.post("/api/forms", Map.of("key", form, "lists", List.of(otherList), "channel", "EMAIL",
                "fields", List.of("firstName"))).status()).isEqualTo(201);
        Answer erased = signup(form, email);
        Answer fresh = signup(form, address());
        assertThat(erased.status()).isEqualTo(202);
        assertThat(erased.body()).isEqualTo(fresh.body());

        // DESIGN.md rule 3: the only thing an erased address gets is the request for a confirmed opt-in; the
        // tombstone stays as it is, and no card comes back before the person confirms.
        DevMailbox mailbox = DevMailbox.of(admin);
        mailbox.awaitMail(email, "Confirm that you want to receive");
        assertThat(mailbox.mails(email, "Please confirm")).isEmpty();
        assertNothingWritten();
    }

    @Test
    void theConfirmationLinksAndRunningDoubleOptInsOfAnErasedPersonAreGone() {
        String pending = address();
        Answer started = admin.post("/api/subscriptions", Map.of("email", pending, "list", otherList,
                "ip", "203.0.113.10"));
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("subscriberId").asText();
        DevMailbox mailbox = DevMailbox.of(admin);
        String link = DevMailbox.confirmationPath(mailbox.awaitMail(pending, "Please confirm"));
        assertThat(doubleOptIns(id)).isOne();

        erase(admin, id);
        awaitErased(admin, id);

        assertThat(doubleOptIns(id)).isZero();
        assertThat(Api.at(port).get(link).status()).isEqualTo(410);
        assertThat(Api.at(port).postRaw(link, "application/x-www-form-urlencoded", "").status()).isEqualTo(410);
        JsonNode card = admin.get("/api/contacts/" + id).json();
        assertThat(card.get("subscriptions").get(0).get("status").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(card.get("subscriptions").get(0).get("confirmedAt").isNull()).isTrue();
        assertThat(card.toString()).doesNotContain("double-opt-in");
        assertThat(admin.get("/api/contacts/" + id + "/audit").json().toString())
                .contains("\"process\":\"double-opt-in\"", "CANCELED");
    }

    @Test
    void anErasedPersonsMobileNumberIsBlockedFromEveryListAsTheirEmailIs() {
        String smsList = list(admin);
        String mobile = GdprErasureIT.mobile();
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", address(), "mobile", mobile,
                "list", erasedList, "confirmed", true, "ip", "203.0.113.11", "at", "2025-11-29T10:00:00Z"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String erased = subscribed.json().get("subscriberId").asText();
        erase(admin, erased);
        awaitErased(admin, erased);

        Answer confirmed = admin.post("/api/subscriptions", Map.of("mobile", mobile, "channel", "SMS",
                "list", smsList, "confirmed", true, "ip", "203.0.113.12", "at", "2025-11-30T10:00:00Z"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(409);
        assertThat(confirmed.body()).doesNotContain(mobile);

        Answer bySms = admin.post("/api/subscriptions", Map.of("mobile", mobile, "channel", "SMS", "list", smsList,
                "ip", "203.0.113.13"));
        assertThat(bySms.status()).as(bySms.body()).isEqualTo(202);
        String text = await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(mobile), t -> t != null);
        assertThat(text).contains("a confirmed opt-in is required");

        String id = Uploads.start(admin, "mobiles.csv", ("mobile,firstName\r\n" + mobile + ",Back\r\n")
                .getBytes(StandardCharsets.UTF_8), smsList, "CONFIRMED");
        JsonNode done = Uploads.awaitEnd(admin, id);
        assertThat(done.get("rejected").asLong()).as(done.toString()).isOne();
        JsonNode rejection = admin.get("/api/imports/" + id + "/rejections").json().get(0);
        assertThat(rejection.get("field").asText()).isEqualTo("mobile");
        assertThat(rejection.get("reason").asText()).isEqualTo(ContactImports.ERASED);

        JsonNode cards = admin.get("/api/contacts?mobile=" + mobile.replace("+", "%2B")).json();
        assertThat(cards).as("the tombstone is findable by the mobile number, and no card came back").hasSize(1);
        assertThat(cards.get(0).get("subscriberId").asText()).isEqualTo(erased);
        assertThat(cards.get(0).get("permission").asText()).isEqualTo("DELETED");
        assertThat(cards.get(0).toString()).doesNotContain(mobile);
        assertThat(jdbc.sql("select count(*) from contacts_contact where mobile_index is not null and id = :id")
                .param("id", UUID.fromString(erased)).query(Long.class).single()).isOne();
    }

    @Test
    void anErasedMobileNumberGivenAsExtraDataIsLeftOutOfAMailSignupAndRefusedToAnImportRowAndACardEdit() {
        String mobile = GdprErasureIT.mobile();
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", address(), "mobile", mobile,
                "list", erasedList, "confirmed", true, "ip", "203.0.113.14", "at", "2025-11-29T10:00:00Z"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String erased = subscribed.json().get("subscriberId").asText();
        erase(admin, erased);
        awaitErased(admin, erased);

        String signupEmail = address();
        Answer pending = admin.post("/api/subscriptions", Map.of("email", signupEmail, "mobile", mobile,
                "list", otherList, "ip", "203.0.113.15"));
        assertThat(pending.status()).as(pending.body()).isEqualTo(202);
        String newCard = pending.json().get("subscriberId").asText();
        JsonNode card = admin.get("/api/contacts/" + newCard).json();
        assertThat(card.get("mobile").isNull()).as("the erased number is left out of the new card: " + card).isTrue();
        JsonNode subscribedEntry = java.util.stream.StreamSupport.stream(admin.get("/api/contacts/" + newCard
                        + "/audit").json().spliterator(), false)
                .filter(e -> "SUBSCRIBED".equals(e.path("action").asText())).findFirst().orElseThrow();
        assertThat(subscribedEntry.get("detail").get("leftOut").asText()).isEqualTo("mobile");
        assertThat(subscribedEntry.get("detail").get("leftOutBecause").asText()).isEqualTo("erased");
        assertThat(subscribedEntry.toString()).doesNotContain(mobile);

        Answer confirmed = admin.post("/api/subscriptions", Map.of("email", address(), "mobile", mobile,
                "list", otherList, "confirmed", true, "ip", "203.0.113.16", "at", "2025-11-30T10:00:00Z"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(409);
        assertThat(confirmed.body()).contains("erased").doesNotContain(mobile);

        String id = Uploads.start(admin, "mails.csv", ("email,mobile\r\n" + address() + "," + mobile + "\r\n")
                .getBytes(StandardCharsets.UTF_8), otherList, "CONFIRMED");
        JsonNode done = Uploads.awaitEnd(admin, id);
        assertThat(done.get("rejected").asLong()).as(done.toString()).isOne();
        JsonNode rejection = admin.get("/api/imports/" + id + "/rejections").json().get(0);
        assertThat(rejection.get("field").asText()).isEqualTo("mobile");
        assertThat(rejection.get("reason").asText()).isEqualTo(ContactImports.ERASED);

        Answer edit = admin.patch("/api/contacts/" + newCard, Map.of("mobile", mobile));
        assertThat(edit.status()).as(edit.body()).isEqualTo(409);
        assertThat(edit.body()).contains("erased").doesNotContain(mobile);
        assertThat(admin.get("/api/contacts/" + newCard).json().get("mobile").isNull()).isTrue();

        JsonNode cards = admin.get("/api/contacts?mobile=" + mobile.replace("+", "%2B")).json();
        assertThat(cards).as("only the tombstone has the number").hasSize(1);
        assertThat(cards.get(0).get("subscriberId").asText()).isEqualTo(erased);
    }

    private String smsTo(String mobile) {
        return java.util.stream.StreamSupport.stream(Api.at(port).get("/dev/sms", Map.of("Accept", "application/json"))
                        .json().spliterator(), false)
                .filter(sms -> mobile.equals(sms.get("to").asText()))
                .map(sms -> sms.get("text").asText()).findFirst().orElse(null);
    }

    private Answer signup(String form, String address) {
        return Api.at(port).postRaw("/f/" + form, "application/json",
                ("{\"email\":\"" + address + "\",\"firstName\":\"Anna\",\"consent\":true}")
                        .getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Still one card, the tombstone, with its one subscription, and no double opt-in of it. */
    private void assertNothingWritten() {
        JsonNode cards = admin.get("/api/contacts?email=" + email).json();
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("subscriberId").asText()).isEqualTo(tombstone);
        assertThat(cards.get(0).get("permission").asText()).isEqualTo("DELETED");
        assertThat(cards.get(0).get("subscriptions")).hasSize(1);
        assertThat(cards.get(0).get("subscriptions").get(0).get("status").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(doubleOptIns(tombstone)).isZero();
    }

    private long doubleOptIns(String subscriberId) {
        return jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP' and subscriber_id = :id")
                .param("id", UUID.fromString(subscriberId)).query(Long.class).single();
    }
}
