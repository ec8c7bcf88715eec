package dev.consentflow.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A full re-verification whose node died in the middle (its lease ran out, its progress recorded up to an entry)
 * is taken over by another node, which walks on from that entry and finishes it; a run whose node still renews
 * its lease is left alone.
 */
@IntegrationTest
class FullVerificationTakeoverIT {

    @LocalServerPort
    int port;

    @Autowired
    FullVerifications verifications;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    VerificationTakeoverJob takeover;

    Api admin;
    UUID chain;
    long head;

    @BeforeEach
    void aChainOfSomeEntries() {
        admin = TestAccounts.newAccount(Api.at(port));
        chain = UUID.fromString(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        for (int i = 0; i < 3; i++) {
            Api.Answer subscribed = admin.post("/api/subscriptions", Map.of("email", "takeover-" + UUID.randomUUID()
                    + "@example.dk", "list", "news", "confirmed", true, "ip", "203.0.113.7",
                    "at", "2025-11-29T10:00:00Z"));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        }
        assertThat(admin.get("/api/audit/verify").json().get("valid").asBoolean()).isTrue();
        head = jdbc.sql("select seq from consent_audit_head where account_id = :chain").param("chain", chain)
                .query(Long.class).single();
        assertThat(head).isGreaterThan(4);
    }

    @Test
    void aRunWhoseNodeDiedIsTakenOverOnceItsLeaseRanOutAndFinishedFromWhereItStopped() {
        UUID alive = run("node-alive", "now() + interval '1 hour'", 1, "now() - interval '2 minutes'");
        UUID dead = run("node-dead", "now() - interval '1 second'", 2, "now() - interval '1 minute'");

        Optional<UUID> taken = verifications.takeOverAbandoned();
        assertThat(taken).contains(dead);
        JsonNode finished = awaitFinished(dead);
        assertThat(finished.get("valid").asBoolean()).as(finished.toString()).isTrue();
        assertThat(finished.get("done").asLong()).isEqualTo(head);
        assertThat(finished.get("total").asLong()).isEqualTo(head);

        JsonNode stillRunning = admin.get("/api/audit/verifications/" + alive).json();
        assertThat(stillRunning.get("status").asText()).as("its node renews its lease").isEqualTo("RUNNING");
        assertThat(jdbc.sql("select lease_holder from consent_audit_verification where id = :id").param("id", alive)
                .query(String.class).single()).isEqualTo("node-alive");
    }

    @Test
    void theNodeThatTakesOverFindsTamperingAfterTheEntryTheDeadNodeReached() {
        UUID dead = run("node-dead", "now() - interval '1 second'", 2, "now()");
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table consent_audit_entry disable trigger consent_audit_entry_append_only").update();
            jdbc.sql("update consent_audit_entry set actor = 'person' where account_id = :chain and seq = :seq")
                    .param("chain", chain).param("seq", head - 1).update();
            jdbc.sql("alter table consent_audit_entry enable trigger consent_audit_entry_append_only").update();
        });

        assertThat(verifications.takeOverAbandoned()).contains(dead);
        JsonNode finished = awaitFinished(dead);
        assertThat(finished.get("valid").asBoolean()).isFalse();
        assertThat(finished.get("firstBrokenSeq").asLong()).isEqualTo(head - 1);
    }

    @Test
    void theTakeoverRunsAsAScheduledJobWhoseLastRunShowsWithTheOtherJobs() {
        UUID dead = run("node-dead", "now() - interval '1 second'", 2, "now() - interval '1 minute'");

        takeover.poll();

        Api.Answer health = Api.at(port).get("/actuator/health/jobs");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        JsonNode job = health.json().get("components").get("scheduledJobs").get("details")
                .get(VerificationTakeoverJob.JOB);
        assertThat(job).as(health.body()).isNotNull();
        assertThat(job.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("summary").asText()).isEqualTo("tookOver=1");
        assertThat(job.get("lastFinishedAt").isNull()).isFalse();
        assertThat(awaitFinished(dead).get("valid").asBoolean()).isTrue();
    }

    /** A run of the chain up to its head, walked up to the entry {@code done} by a node holding the lease as given. */
    private UUID run(String node, String leaseUntil, long done, String startedAt) {
        UUID id = UUID.randomUUID();
        byte[] headHash = jdbc.sql("select hash from consent_audit_head where account_id = :chain")
                .param("chain", chain).query(byte[].class).single();
        byte[] doneHash = jdbc.sql("select hash from consent_audit_entry where account_id = :chain and seq = :seq")
                .param("chain", chain).param("seq", done).query(byte[].class).single();
        jdbc.sql("insert into consent_audit_verification (id, account_id, requested_by, started_at, head_seq, "
                        + "head_hash, done, done_hash, lease_holder, lease_until) values (:id, :chain, 'test', "
                        + startedAt + ", :head, :headHash, :done, :doneHash, :node, " + leaseUntil + ")")
                .param("id", id).param("chain", chain).param("head", head).param("headHash", headHash)
                .param("done", done).param("doneHash", doneHash).param("node", node).update();
        return id;
    }

    private JsonNode awaitFinished(UUID id) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> admin.get("/api/audit/verifications/" + id).json(),
                run -> "FINISHED".equals(run.get("status").asText()));
    }
}
