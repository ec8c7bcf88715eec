package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRetired;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change of a card racing the re-wrap of its data key (issue #20): the re-wrap batch holds the card's row with
 * its new key version not yet committed while a change arrives; the change waits for it and then succeeds on the
 * new version. Nothing is lost, and nothing decrypts under the retired version afterwards.
 */
@IntegrationTest
class CardRewrapRaceIT {

    @LocalServerPort
    int port;

    @Autowired
    KeyRotations rotations;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContactRepository contacts;

    @Autowired
    Cards cards;

    @Autowired
    CardKeys cardKeys;

    final ExecutorService pool = Executors.newFixedThreadPool(2);
    Api admin;
    AccountId account;
    String email;
    UUID id;

    @BeforeEach
    void aPersonOnAListAndARotationStarted() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        admin.post("/api/lists", Map.of("key", "offers", "name", "Offers"));
        email = "race-" + UUID.randomUUID() + "@example.dk";
        Api.Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", "news",
                "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z",
                "fields", Map.of("firstName", "Anna")));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        id = UUID.fromString(subscribed.json().get("subscriberId").asText());
        assertThat(admin.post("/api/accounts/current/keys/rotate", Map.of()).status()).isEqualTo(202);
    }

    @AfterEach
    void stopThePool() {
        pool.shutdownNow();
    }

    @Test
    void aSignupThatChangesTheCardDuringItsReWrapSucceedsOnTheNewVersion() throws Exception {
        Api.Answer answer = duringTheReWrap(() -> admin.post("/api/subscriptions", Map.of("email", email,
                "list", "offers", "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-30T10:00:00Z",
                "fields", Map.of("city", "Aarhus"))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("subscriberId").asText()).isEqualTo(id.toString());
        theCardHoldsEverythingUnderTheNewVersionOnly(Map.of("firstName", "Anna", "city", "Aarhus"));
    }

    @Test
    void aFieldUpdateDuringTheReWrapSucceedsOnTheNewVersion() throws Exception {
        Api.Answer answer = duringTheReWrap(() -> admin.patch("/api/contacts/" + id,
                Map.of("fields", Map.of("city", "Odense"))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        theCardHoldsEverythingUnderTheNewVersionOnly(Map.of("firstName", "Anna", "city", "Odense"));
    }

    @Test
    void anErasureDuringTheReWrapErasesTheCard() throws Exception {
        Api compliance = TestAccounts.newKey(admin, "COMPLIANCE");
        // Without approval the erasure runs in the request, which waits for the card's row until the batch commits.
        Api.Answer requested = duringTheReWrap(() -> compliance.post("/api/contacts/" + id + "/erase",
                Map.of("reason", "asked by mail")));
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> "DELETED".equals(
                admin.get("/api/contacts/" + id).json().get("permission").asText()));
        assertThat(contacts.findById(id).orElseThrow().wrappedKey()).as("the data key is destroyed").isNull();
        assertThat(rotations.work(account, "node-a", 100)).isEqualTo(KeyRotations.Outcome.FINISHED);
    }

    @Test
    void aCardReadBeforeItsOldVersionWasRetiredOpensUnderTheNewOne() {
        Contact stale = contacts.findById(id).orElseThrow();
        assertThat(stale.keyVersion()).isEqualTo(1);
        assertThat(rotations.work(account, "node-a", 100)).isEqualTo(KeyRotations.Outcome.FINISHED);

        UnlockedCard card = transactions.execute(status -> cards.open(stale));
        assertThat(card.contact().keyVersion()).isEqualTo(2);
        assertThat(card.email()).isEqualTo(email);
        assertThatThrownBy(() -> cardKeys.unwrap(account, id, 1, stale.wrappedKey())).isInstanceOf(KeyRetired.class);
    }

    /**
     * Runs the request while a re-wrap batch (node A, in a transaction held open) has re-wrapped the card without
     * committing; commits the batch once the request waits for the card's row, and answers the request's answer.
     */
    private Api.Answer duringTheReWrap(Supplier<Api.Answer> request) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<KeyRotations.Outcome> rewrap = reWrapHeldUntil(release);
        Future<Api.Answer> answer = pool.submit(request::get);
        await().atMost(Duration.ofMinutes(1)).until(() -> answer.isDone() || waitingForALock());
        release.countDown();
        assertThat(rewrap.get()).isEqualTo(KeyRotations.Outcome.WORKING);
        return answer.get(1, TimeUnit.MINUTES);
    }

    /** Node A re-wraps a batch (the card) in a transaction that commits only once released; answers when it did. */
    private Future<KeyRotations.Outcome> reWrapHeldUntil(CountDownLatch release) throws InterruptedException {
        CountDownLatch rewrapped = new CountDownLatch(1);
        Future<KeyRotations.Outcome> rewrap = pool.submit(() -> transactions.execute(status -> {
            KeyRotations.Outcome outcome = rotations.work(account, "node-a", 1);
            rewrapped.countDown();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return outcome;
        }));
        assertThat(rewrapped.await(1, TimeUnit.MINUTES)).isTrue();
        return rewrap;
    }

    private boolean waitingForALock() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() "
                + "and wait_event_type = 'Lock'").query(Long.class).single() > 0;
    }

    private void theCardHoldsEverythingUnderTheNewVersionOnly(Map<String, String> fields) {
        assertThat(rotations.work(account, "node-a", 100)).isEqualTo(KeyRotations.Outcome.FINISHED);
        JsonNode card = admin.get("/api/contacts/" + id).json();
        assertThat(card.get("email").asText()).isEqualTo(email);
        fields.forEach((name, value) -> assertThat(card.get("fields").get(name).asText()).isEqualTo(value));
        Contact row = contacts.findById(id).orElseThrow();
        assertThat(row.keyVersion()).isEqualTo(2);
        assertThatThrownBy(() -> cardKeys.unwrap(account, id, 1, row.wrappedKey())).isInstanceOf(KeyRetired.class);
    }
}
