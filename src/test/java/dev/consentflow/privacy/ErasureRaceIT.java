package dev.consentflow.privacy;

import static dev.consentflow.privacy.GdprErasureIT.address;
import static dev.consentflow.privacy.GdprErasureIT.awaitErased;
import static dev.consentflow.privacy.GdprErasureIT.entries;
import static dev.consentflow.privacy.GdprErasureIT.list;
import static dev.consentflow.privacy.GdprErasureIT.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * RELIABILITY.md, concurrency: a person confirms while they are being erased. Whichever wins, the end is
 * legal: a tombstone on no list, the confirmation recorded once or not at all (and, when it was, its evidence
 * kept), one ERASED entry, no double opt-in or link left, nothing queued for them, and a chain that verifies.
 */
@IntegrationTest
class ErasureRaceIT {

    private static final int PEOPLE = 10;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentErasureAndConfirmationOfOnePersonEndInALegalState() throws Exception {
        Api admin = Api.at(port).as(Api.ADMIN_KEY);
        Api anonymous = Api.at(port);
        DevMailbox mailbox = DevMailbox.of(admin);
        String list = list(admin);
        List<String> ids = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String email = address();
            Answer started = admin.post("/api/subscriptions", Map.of("email", email, "list", list,
                    "ip", "203.0.113.30"));
            assertThat(started.status()).isEqualTo(202);
            ids.add(started.json().get("subscriberId").asText());
            links.add(DevMailbox.confirmationPath(mailbox.awaitMail(email, "Please confirm")));
        }

        ExecutorService pool = Executors.newFixedThreadPool(2 * PEOPLE);
        List<Future<Answer>> clicks = new ArrayList<>();
        List<Future<Answer>> erasures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < PEOPLE; i++) {
                String id = ids.get(i);
                String link = links.get(i);
                // Staggered, so some clicks meet the request, some the erasure job, some its end.
                long delayMillis = 110L * i;
                clicks.add(pool.submit(() -> {
                    start.await();
                    java.util.concurrent.locks.LockSupport.parkNanos(delayMillis * 1_000_000L);
                    return anonymous.postRaw(link, "application/x-www-form-urlencoded", "");
                }));
                erasures.add(pool.submit(() -> {
                    start.await();
                    return admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "race"));
                }));
            }
            start.countDown();
            for (int i = 0; i < PEOPLE; i++) {
                assertThat(erasures.get(i).get().status()).isEqualTo(202);
                assertThat(clicks.get(i).get().status()).as("confirmed first, or too late").isIn(200, 410);
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < PEOPLE; i++) {
            String id = ids.get(i);
            JsonNode card = awaitErased(admin, id);
            JsonNode subscription = card.get("subscriptions").get(0);
            assertThat(subscription.get("status").asText()).isEqualTo("UNSUBSCRIBED");
            long confirmations = entries(admin, id, "CONFIRMED").size();
            assertThat(confirmations).isLessThanOrEqualTo(1);
            assertThat(subscription.get("confirmedAt").isNull()).as("the confirmation's evidence stays if it was made")
                    .isEqualTo(confirmations == 0);
            assertThat(entries(admin, id, "ERASED")).hasSize(1);
            assertThat(jdbc.sql("select count(*) from subscription_confirmation_request where purpose = 'SIGNUP' and subscriber_id = :id")
                    .param("id", UUID.fromString(id)).query(Long.class).single()).isZero();
            assertThat(anonymous.postRaw(links.get(i), "application/x-www-form-urlencoded", "").status())
                    .as("the link after the erasure").isEqualTo(410);
            Timestamp erasedAt = Timestamp.from(java.time.Instant.parse(card.get("erasedAt").asText()));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from dispatch_outbox
                     where subscriber_id = :id
                       and (state in ('QUEUED', 'SOFT_FAIL', 'SENDING') or (state = 'SENT' and started_at > :erasedAt))""")
                    .param("id", UUID.fromString(id)).param("erasedAt", erasedAt).query(Long.class).single() == 0);
        }
        assertThat(verify(admin).get("valid").asBoolean()).isTrue();
    }
}
