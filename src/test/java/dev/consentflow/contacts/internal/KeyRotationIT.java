package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.AccountKeys;
import dev.consentflow.keys.KeyRetired;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An account key rotated while the account is in use: the re-wrap runs in batches (five in tests), a node dies in
 * the middle holding the lease, another node takes over once the lease ran out, and at the end every card opens
 * under the new version and nothing opens under the retired one.
 */
@IntegrationTest
class KeyRotationIT {

    private static final int CARDS = 23;

    @LocalServerPort
    int port;

    @Autowired
    KeyRotations rotations;

    @Autowired
    AccountKeys accountKeys;

    @Autowired
    CardKeys cardKeys;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    AccountId account;
    final Map<String, String> emailOf = new ConcurrentHashMap<>();

    @BeforeEach
    void anAccountWithCards() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        for (int i = 0; i < CARDS; i++) {
            signUp();
        }
    }

    @Test
    void aRotationUnderLoadInterruptedByADeadNodeFinishesOnAnotherAndRetiresTheOldVersion() throws Exception {
        Api.Answer started = admin.post("/api/accounts/current/keys/rotate", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("current").asInt()).isEqualTo(2);
        assertThat(started.json().get("rotation").get("total").asLong()).isEqualTo(CARDS);
        assertThat(admin.post("/api/accounts/current/keys/rotate", Map.of()).status()).isEqualTo(409);

        AtomicBoolean loading = new AtomicBoolean(true);
        List<String> failures = new ArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            workers.add(load.submit(() -> {
                List<String> ids = new ArrayList<>(emailOf.keySet());
                while (loading.get()) {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    Api.Answer card = admin.get("/api/contacts/" + id);
                    if (card.status() != 200 || !emailOf.get(id).equals(card.json().get("email").asText())) {
                        synchronized (failures) {
                            failures.add("read " + card);
                        }
                    }
                    reads.incrementAndGet();
                }
            }));
        }
        workers.add(load.submit(() -> {
            while (loading.get()) {
                String failure = signUp();
                if (failure != null) {
                    synchronized (failures) {
                        failures.add(failure);
                    }
                }
            }
        }));

        // Node A takes the lease, re-wraps two batches, and dies (it never comes back to renew its lease).
        assertThat(rotations.work(account, "node-a", 2)).isEqualTo(KeyRotations.Outcome.WORKING);
        assertThat(done()).isEqualTo(10);
        assertThat(rotations.work(account, "node-b", 100)).as("the lease is still node A's")
                .isEqualTo(KeyRotations.Outcome.NOT_OURS);
        // A minute later, as far as the lease is concerned.
        jdbc.sql("update contacts_key_rotation set lease_until = now() - interval '1 second' where account_id = :a")
                .param("a", account.value()).update();
        KeyRotations.Outcome outcome = rotations.work(account, "node-b", 1);
        assertThat(outcome).isEqualTo(KeyRotations.Outcome.WORKING);
        assertThat(done()).as("node B resumed where node A stopped").isEqualTo(15);

        await().atMost(Duration.ofMinutes(1)).until(() -> reads.get() >= 40);
        loading.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        load.shutdown();
        assertThat(failures).as("reads and signups during the re-wrap").isEmpty();

        assertThat(rotations.work(account, "node-b", 100)).isEqualTo(KeyRotations.Outcome.FINISHED);

        JsonNode keys = admin.get("/api/accounts/current/keys").json();
        assertThat(keys.get("current").asInt()).isEqualTo(2);
        assertThat(keys.get("rotation").get("done").asLong()).isEqualTo(CARDS);
        assertThat(keys.get("rotation").get("finishedAt").isNull()).isFalse();
        JsonNode v1 = keys.get("versions").get(0);
        JsonNode v2 = keys.get("versions").get(1);
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("dataKeys").asLong()).isZero();
        assertThat(v1.get("retiredAt").isNull()).isFalse();
        assertThat(v2.get("dataKeys").asLong()).isEqualTo(emailOf.size());
        assertThat(v2.get("retiredAt").isNull()).isTrue();

        // Everything still decrypts, and is found through the blind index.
        for (Map.Entry<String, String> card : emailOf.entrySet()) {
            Api.Answer read = admin.get("/api/contacts/" + card.getKey());
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().get("email").asText()).isEqualTo(card.getValue());
            JsonNode found = admin.get("/api/contacts?email=" + card.getValue()).json();
            assertThat(found.get(0).get("subscriberId").asText()).isEqualTo(card.getKey());
        }
        // Nothing decrypts under the retired version.
        assertThatThrownBy(() -> accountKeys.wrappingKey(account, 1)).isInstanceOf(KeyRetired.class);
        UUID any = UUID.fromString(emailOf.keySet().iterator().next());
        byte[] wrapped = jdbc.sql("select wrapped_key from contacts_contact where id = :id").param("id", any)
                .query(byte[].class).single();
        assertThatThrownBy(() -> cardKeys.unwrap(account, any, 1, wrapped)).isInstanceOf(KeyRetired.class);

        Set<String> actions = Set.copyOf(StreamSupport.stream(admin.get("/api/audit").json().spliterator(), false)
                .map(entry -> entry.get("action").asText()).toList());
        assertThat(actions).contains("KEY_ROTATION_STARTED", "KEY_VERSION_RETIRED");
    }

    @Test
    void aSecondRotationRetiresTheFirstsVersionAndOnlyAnAdminRotates() {
        assertThat(admin.post("/api/accounts/current/keys/rotate", Map.of()).status()).isEqualTo(202);
        assertThat(rotations.work(account, "node-a", 100)).isEqualTo(KeyRotations.Outcome.FINISHED);
        assertThat(admin.post("/api/accounts/current/keys/rotate", Map.of()).status()).isEqualTo(202);
        assertThat(rotations.work(account, "node-a", 100)).isEqualTo(KeyRotations.Outcome.FINISHED);

        JsonNode keys = admin.get("/api/accounts/current/keys").json();
        assertThat(keys.get("current").asInt()).isEqualTo(3);
        assertThat(keys.get("versions")).extracting(v -> v.get("retiredAt").isNull()).containsExactly(false, false, true);
        assertThat(jdbc.sql("select sealed_key is null from keys_account_version where account_id = :a and version = 2")
                .param("a", account.value()).query(Boolean.class).single()).as("the retired key is destroyed").isTrue();
        assertThat(admin.get("/api/contacts/" + emailOf.keySet().iterator().next()).status()).isEqualTo(200);

        Api marketer = TestAccounts.newKey(admin, "MARKETER");
        assertThat(marketer.post("/api/accounts/current/keys/rotate", Map.of()).status()).isEqualTo(403);
    }

    private long done() {
        return admin.get("/api/accounts/current/keys").json().get("rotation").get("done").asLong();
    }

    /** Signs a new person up; answers a failure, or null. */
    private String signUp() {
        String email = "rotation-" + UUID.randomUUID() + "@example.dk";
        Api.Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", "news",
                "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        if (subscribed.status() != 201) {
            return "signup " + subscribed;
        }
        emailOf.put(subscribed.json().get("subscriberId").asText(), email);
        return null;
    }
}
