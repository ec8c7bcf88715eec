package dev.consentflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DatabaseScan;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After a person went through everything this module does (subscription, lookups, views, changes, events), no
 * column of any table of the database, the engine's included, holds their address, number or field values.
 */
@IntegrationTest
class PlaintextScanIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void noTableHoldsAnAddressANumberOrAFieldValueInPlaintext() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "Plain.Text." + unique + "@scan-example.dk";
        String mobile = "+4571" + (100000 + Math.abs(unique.hashCode() % 900000));
        String firstName = "Gertrud" + unique;
        String city = "Vesterbro" + unique;
        Api admin = Api.at(port).as(Api.ADMIN_KEY);
        String list = "scan-" + unique;
        admin.post("/api/lists", Map.of("key", list, "name", "Scan"));
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "mobile", mobile, "list", list,
                "fields", Map.of("firstName", firstName), "confirmed", true, "ip", "203.0.113.7",
                "at", "2025-11-29T10:00:00Z", "userAgent", "Scanner/1.0"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String id = subscribed.json().get("subscriberId").asText();
        assertThat(admin.patch("/api/contacts/" + id, Map.of("fields", Map.of("city", city))).status()).isEqualTo(200);
        assertThat(admin.get("/api/contacts?email=" + email).json()).hasSize(1);
        assertThat(admin.get("/api/contacts/" + id).body()).contains(firstName, city);
        Api.at(port).as(Api.OPERATOR_KEY).get("/api/contacts/" + id);
        admin.get("/api/audit/verify"); // a reader of the trail chains the entries that still wait

        List<String> needles = List.of(email, email.toLowerCase(), "plain.text." + unique, mobile, mobile.substring(1),
                firstName, city);
        List<String> found = scan(needles);

        assertThat(found).isEmpty();
        assertThat(scan(List.of("Scanner/1.0", list)))
                .as("the scan finds what is stored in plaintext on purpose: evidence and list keys")
                .anyMatch(hit -> hit.contains("subscribe_user_agent"))
                .anyMatch(hit -> hit.contains("consent_audit_entry") && hit.contains(list));
    }

    private List<String> scan(List<String> needles) {
        DatabaseScan scan = DatabaseScan.of(jdbc);
        assertThat(scan.seesTables(table -> table.startsWith("act_"))).as("the scan sees the engine's tables too")
                .isTrue();
        return scan.find(needles);
    }
}
