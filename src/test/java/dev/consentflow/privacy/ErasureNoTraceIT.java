package dev.consentflow.privacy;

import static dev.consentflow.privacy.GdprErasureIT.awaitErased;
import static dev.consentflow.privacy.GdprErasureIT.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactEvents;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DatabaseScan;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RELIABILITY.md, erasure: after a person went through a form signup, a confirmation, changes, events, queued
 * mail and a running process, and was then erased, no text, varchar, json, jsonb or bytea column of any table
 * (the application's and the engine's runtime, history and byte-array tables) holds their address, mobile
 * number, names, field values, user agents or the erasure's reason; and nothing left can be opened: the data
 * key is gone from every column, as is every ciphertext the card had, and no remaining byte value anywhere
 * opens under that key.
 */
@IntegrationTest
class ErasureNoTraceIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KeyRing keys;

    @Autowired
    ContactEvents events;

    @Autowired
    Dispatch dispatch;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void afterAnErasureNoColumnOfAnyTableHoldsThePersonAndNothingLeftOpensUnderTheirKey() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "No.Trace." + unique + "@trace-example.dk";
        String mobile = "+4572" + (100000 + Math.abs(unique.hashCode() % 900000));
        String firstName = "Gertrud" + unique;
        String lastName = "Kjeldsen" + unique;
        String city = "Norrebro" + unique;
        String place = "Assistens" + unique;
        String browser = "TraceBrowser/" + unique;
        String clicker = "TraceClicker/" + unique;
        String reason = firstName + " " + lastName + " asked by phone, " + mobile;
        Api admin = Api.at(port).as(Api.ADMIN_KEY);
        AccountId account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        String list = list(admin);
        String form = list + "-signup";
        assertThat(admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL",
                "fields", List.of("firstName", "lastName"))).status()).isEqualTo(201);

        // A signup through the form, confirmed through the link in the real mail, each with its user agent.
        Answer signup = Api.at(port).postRaw("/f/" + form, "application/json",
                ("{\"email\":\"" + email + "\",\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName
                        + "\",\"consent\":true}").getBytes(StandardCharsets.UTF_8), Map.of("User-Agent", browser));
        assertThat(signup.status()).as(signup.body()).isEqualTo(202);
        DevMailbox mailbox = DevMailbox.of(admin);
        String link = DevMailbox.confirmationPath(mailbox.awaitMail(email, "Please confirm"));
        assertThat(Api.at(port).postRaw(link, "application/x-www-form-urlencoded", new byte[0],
                Map.of("User-Agent", clicker)).status()).isEqualTo(200);
        String id = admin.get("/api/contacts?email=" + email).json().get(0).get("subscriberId").asText();
        UUID subscriber = UUID.fromString(id);
        UUID subscription = jdbc.sql("select id from contacts_subscription where contact_id = :id")
                .param("id", subscriber).query(UUID.class).single();

        // Changes, events with personal details, mail waiting in the outbox, an automation running.
        assertThat(admin.patch("/api/contacts/" + id, Map.of("mobile", mobile, "fields", Map.of("city", city)))
                .status()).isEqualTo(200);
        transactions.executeWithoutResult(status -> {
            events.record(account, new SubscriberId(subscriber),
                    new BehaviourEvent(EventType.GEO, Instant.now(), null, Map.of("city", city, "place", place)));
            UUID queued = dispatch.enqueue(new OutboundMessage(account, subscriber, subscription, Channel.EMAIL,
                    Purpose.CAMPAIGN, "campaign-" + unique, new OutboundMessage.Content("Hi " + firstName,
                    "Dear " + firstName + " " + lastName + " in " + city, null), "http://localhost/u/none", null));
            jdbc.sql("update dispatch_outbox set next_attempt_at = now() + interval '1 hour' where id = :id")
                    .param("id", queued).update();
        });
        Captured card = capture(account, subscriber);
        List<String> needles = List.of(email, email.toLowerCase(), "no.trace." + unique, mobile, mobile.substring(1),
                firstName, lastName, city, place, browser, clicker, reason);
        DatabaseScan scan = DatabaseScan.of(jdbc);
        assertThat(scan.seesTables(table -> table.startsWith("act_hi_"))).isTrue();
        assertThat(scan.seesTables(table -> table.equals("act_ge_bytearray"))).isTrue();
        assertThat(scan.find(List.of(browser)))
                .as("the scan finds what is stored in plaintext: the user agent of the consent evidence")
                .anyMatch(hit -> hit.contains("subscribe_user_agent"));
        assertThat(scan.findBytes(card.ciphertexts())).as("and the card's ciphertexts, before the erasure")
                .anyMatch(hit -> hit.contains("contacts_contact"));

        Answer erase = admin.post("/api/contacts/" + id + "/erase", Map.of("reason", reason));
        assertThat(erase.status()).isEqualTo(202);
        awaitErased(admin, id);

        assertThat(scan.find(needles)).isEmpty();
        Map<String, byte[]> secrets = new LinkedHashMap<>(card.ciphertexts());
        secrets.put("the wrapped data key", card.wrappedKey());
        secrets.put("the data key", card.dataKey().getEncoded());
        assertThat(scan.findBytes(secrets)).isEmpty();
        assertThat(scan.find(List.of(Base64.getEncoder().encodeToString(card.dataKey().getEncoded()),
                HexFormat.of().formatHex(card.dataKey().getEncoded())))).isEmpty();
        List<String> opened = new ArrayList<>();
        for (Map.Entry<String, byte[]> value : scan.everyByteValue()) {
            for (String sealedPlace : card.places()) {
                if (opens(card.dataKey(), value.getValue(), id, sealedPlace)) {
                    opened.add(value.getKey() + " opens as " + sealedPlace);
                }
            }
        }
        assertThat(opened).as("no value anywhere opens under the destroyed key").isEmpty();
        assertThat(jdbc.sql("select wrapped_key is null and email_sealed is null and mobile_sealed is null "
                + "and mobile_index is not null and email_index is not null from contacts_contact where id = :id")
                .param("id", subscriber).query(Boolean.class).single()).isTrue();
    }

    /** What a backup taken before the erasure would hold of the card: its ciphertexts and its wrapped key. */
    private Captured capture(AccountId account, UUID subscriber) {
        Map<String, Object> row = jdbc.sql("select key_version, wrapped_key, email_sealed, mobile_sealed "
                + "from contacts_contact where id = :id").param("id", subscriber).query().singleRow();
        Map<String, byte[]> ciphertexts = new LinkedHashMap<>();
        ciphertexts.put("email", (byte[]) row.get("email_sealed"));
        ciphertexts.put("mobile", (byte[]) row.get("mobile_sealed"));
        List<String> places = new ArrayList<>(List.of("email", "mobile"));
        jdbc.sql("select name, value_sealed from contacts_field where contact_id = :id").param("id", subscriber)
                .query().listOfRows().forEach(field -> {
                    ciphertexts.put("field:" + field.get("name"), (byte[]) field.get("value_sealed"));
                    places.add("field:" + field.get("name"));
                });
        jdbc.sql("select id, details_sealed from contacts_event where contact_id = :id and details_sealed is not null")
                .param("id", subscriber).query().listOfRows().forEach(event -> {
                    ciphertexts.put("event:" + event.get("id"), (byte[]) event.get("details_sealed"));
                    places.add("event:" + event.get("id"));
                });
        assertThat(places).contains("field:firstName", "field:lastName", "field:city").hasSizeGreaterThan(5);
        byte[] wrapped = (byte[]) row.get("wrapped_key");
        // The contacts module's wrapping (CardKeys): the account's key of that version, bound to the card.
        SecretKey dataKey = Sealing.aesKey(Sealing.open(
                keys.derive("contacts.wrap", account, ((Number) row.get("key_version")).intValue()), wrapped,
                ("contact:" + subscriber + "/data-key").getBytes(StandardCharsets.UTF_8)));
        assertThat(opens(dataKey, ciphertexts.get("email"), subscriber.toString(), "email"))
                .as("the captured key opens the card before the erasure").isTrue();
        return new Captured(wrapped, dataKey, ciphertexts, places);
    }

    private static boolean opens(SecretKey key, byte[] sealed, String subscriberId, String place) {
        try {
            Sealing.open(key, sealed, ("contact:" + subscriberId + "/" + place).getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (Sealing.TamperedException notUnderThisKey) {
            return false;
        }
    }

    private record Captured(byte[] wrappedKey, SecretKey dataKey, Map<String, byte[]> ciphertexts,
                            List<String> places) {
    }
}
