package dev.consentflow.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tombstones are kept for {@code consentflow.privacy.erasure.tombstone-retention} (three years by default), then
 * removed with their finished request, audited TOMBSTONE_PURGED; younger ones stay.
 */
@IntegrationTest
class ErasureRetentionIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ErasureRetention retention;

    @Test
    void aTombstoneIsRemovedOnlyOnceItsRetentionEnded() {
        Api admin = Api.at(port).as(Api.ADMIN_KEY);
        String list = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/lists", Map.of("key", list, "name", "Retention"));
        String oldEmail = "retention-" + UUID.randomUUID() + "@example.dk";
        String old = erased(admin, list, oldEmail);
        String young = erased(admin, list, "retention-" + UUID.randomUUID() + "@example.dk");
        jdbc.sql("update contacts_contact set erased_at = now() - interval '4 years' where id = :id")
                .param("id", UUID.fromString(old)).update();
        jdbc.sql("update privacy_erasure_request set finished_at = now() - interval '4 years' where subscriber_id = :id")
                .param("id", UUID.fromString(old)).update();

        assertThat(retention.removeExpired(Instant.now())).isPositive();

        assertThat(admin.get("/api/contacts/" + old).status()).isEqualTo(404);
        assertThat(admin.get("/api/contacts?email=" + oldEmail).json()).isEmpty();
        assertThat(jdbc.sql("select count(*) from privacy_erasure_request where subscriber_id = :id")
                .param("id", UUID.fromString(old)).query(Long.class).single()).isZero();
        assertThat(admin.get("/api/contacts/" + young).json().get("permission").asText()).isEqualTo("DELETED");
        var purged = admin.get("/api/audit?action=TOMBSTONE_PURGED").json();
        assertThat(StreamSupport.stream(purged.spliterator(), false)
                .filter(e -> old.equals(e.get("subscriberId").asText()))).hasSize(1);
        assertThat(admin.post("/api/subscriptions", Map.of("email", oldEmail, "list", list, "confirmed", true,
                "ip", "203.0.113.40", "at", "2025-11-29T10:00:00Z")).status())
                .as("after its retention the address is no longer blocked").isEqualTo(201);
        assertThat(admin.get("/api/audit/verify").json().get("valid").asBoolean()).isTrue();
        assertThat(retention.removeExpired(Instant.now())).isZero();
    }

    private static String erased(Api admin, String list, String email) {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email,
                "list", list, "confirmed", true, "ip", "203.0.113.40", "at", "2025-11-29T10:00:00Z"));
        String subscriberId = subscribed.json().get("subscriberId").asText();
        assertThat(admin.post("/api/contacts/" + subscriberId + "/erase", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELETED".equals(
                admin.get("/api/contacts/" + subscriberId).json().get("permission").asText()));
        return subscriberId;
    }
}
