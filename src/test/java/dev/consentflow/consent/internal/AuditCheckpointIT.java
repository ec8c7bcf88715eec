package dev.consentflow.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints: a verification starts at the newest one; tampering after it is found by the verification,
 * tampering before it by the full re-verification, and a chain rewritten before it (every hash recomputed) by the
 * checkpoint's hash, or by its signature when the checkpoint was rewritten too.
 */
@IntegrationTest
class AuditCheckpointIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditCheckpointer checkpointer;

    @Autowired
    AuditRowRepository rows;

    @Autowired
    AuditChainer chainer;

    @Autowired
    ChainTail tail;

    Api admin;
    UUID chain;
    long checkpointSeq;

    /** Entries, a checkpoint of the head, and two more entries after it. */
    @BeforeEach
    void aChainWithACheckpointAndEntriesAfterIt() {
        admin = TestAccounts.newAccount(Api.at(port));
        chain = UUID.fromString(TestAccounts.accountId(admin));
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        subscribe();
        subscribe();
        checkpointSeq = checkpointer.checkpoint(chain).orElseThrow().seq();
        assertThat(checkpointer.checkpoint(chain)).as("nothing new since").isEmpty();
        subscribe();
        admin.get("/api/audit/verify");
    }

    @Test
    void aVerificationStartsAtTheNewestCheckpointAndCountsTheWholeChain() {
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("fromCheckpoint").get("seq").asLong()).isEqualTo(checkpointSeq);
        assertThat(verified.get("fromCheckpoint").get("at").asText()).isNotBlank();
        assertThat(verified.get("entries").asLong()).isEqualTo(checkpointSeq + 2);
        assertThat(verified.get("head").asText()).hasSize(64);

        JsonNode full = fullRun();
        assertThat(full.get("valid").asBoolean()).as(full.toString()).isTrue();
        assertThat(full.get("done").asLong()).isEqualTo(checkpointSeq + 2);
        assertThat(full.get("checkpoints").asInt()).isEqualTo(1);
    }

    @Test
    void anEntryChangedAfterTheCheckpointIsFoundByTheVerification() {
        tamper("update consent_audit_entry set actor = 'person' where account_id = :chain and seq = :seq",
                checkpointSeq + 1);
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).isFalse();
        assertThat(verified.get("firstBrokenSeq").asLong()).isEqualTo(checkpointSeq + 1);
        assertThat(verified.get("fromCheckpoint").get("seq").asLong()).isEqualTo(checkpointSeq);
    }

    @Test
    void anEntryChangedBeforeTheCheckpointIsFoundByTheFullRun() {
        tamper("update consent_audit_entry set actor = 'person' where account_id = :chain and seq = :seq", 2);
        // The quick verification vouches for the checkpoint's past, as it was verified when it was written...
        assertThat(admin.get("/api/audit/verify").json().get("valid").asBoolean()).isTrue();
        // ...and the full run walks it again.
        JsonNode full = fullRun();
        assertThat(full.get("valid").asBoolean()).isFalse();
        assertThat(full.get("firstBrokenSeq").asLong()).isEqualTo(2);
    }

    @Test
    void aChainRewrittenBeforeTheCheckpointIsFoundByTheCheckpointsHashAndThenByItsSignature() {
        rewriteFrom(2);
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isFalse();
        assertThat(verified.get("firstBrokenSeq").asLong()).isEqualTo(checkpointSeq);

        byte[] rewrittenHash = jdbc.sql("select hash from consent_audit_entry where account_id = :chain and seq = :seq")
                .param("chain", chain).param("seq", checkpointSeq).query(byte[].class).single();
        jdbc.sql("update consent_audit_checkpoint set hash = :hash where account_id = :chain")
                .param("hash", rewrittenHash).param("chain", chain).update();
        verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).as("the checkpoint's signature").isFalse();
        assertThat(verified.get("firstBrokenSeq").asLong()).isEqualTo(checkpointSeq);
        assertThat(fullRun().get("firstBrokenSeq").asLong()).isEqualTo(checkpointSeq);
    }

    @Test
    void theFullRunIsStartedAndReadOnlyForTheCallersOwnChain() {
        JsonNode started = admin.post("/api/audit/verifications", Map.of()).json();
        Api other = TestAccounts.newAccount(Api.at(port));
        assertThat(other.get("/api/audit/verifications/" + started.get("id").asText()).status()).isEqualTo(404);
        assertThat(TestAccounts.newKey(admin, "MARKETER").post("/api/audit/verifications", Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    void entriesLinkedAfterAHeadThatIsNotTheChainsAreRolledBackInsteadOfForkingTheChain() {
        long head = jdbc.sql("select seq from consent_audit_head where account_id = :chain").param("chain", chain)
                .query(Long.class).single();
        ChainTail.Link entry = new ChainTail.Link(Instant.now().truncatedTo(ChronoUnit.MICROS), null, "VIEWED",
                "test:stale-head", Map.of(), "{}", null);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            chainer.lock(chain);
            tail.link(chain, new ChainTail.Head(head + 5, new byte[32]), List.of(entry));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("moved");

        assertThat(jdbc.sql("select count(*) from consent_audit_entry where account_id = :chain and actor = :actor")
                .param("chain", chain).param("actor", "test:stale-head").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select seq from consent_audit_head where account_id = :chain").param("chain", chain)
                .query(Long.class).single()).isEqualTo(head);
        transactions.executeWithoutResult(status -> {
            chainer.lock(chain);
            tail.link(chain, List.of(entry));
        });
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("entries").asLong()).isEqualTo(head + 1);
    }

    private JsonNode fullRun() {
        Api.Answer started = admin.post("/api/audit/verifications", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        await().atMost(Duration.ofMinutes(1)).until(() ->
                "FINISHED".equals(admin.get("/api/audit/verifications/" + id).json().get("status").asText()));
        return admin.get("/api/audit/verifications/" + id).json();
    }

    private void subscribe() {
        Api.Answer subscribed = admin.post("/api/subscriptions", Map.of("email", "cp-" + UUID.randomUUID() + "@example.dk",
                "list", "news", "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
    }

    /** Changes an entry and recomputes every hash from it to the head, as someone who knows the format would. */
    private void rewriteFrom(long seq) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table consent_audit_entry disable trigger consent_audit_entry_append_only").update();
            jdbc.sql("update consent_audit_entry set actor = 'person' where account_id = :chain and seq = :seq")
                    .param("chain", chain).param("seq", seq).update();
            List<AuditRow> chainRows = rows.page(chain, 0, 10_000);
            byte[] previous = null;
            for (AuditRow row : chainRows) {
                if (row.seq() < seq) {
                    previous = row.hash();
                    continue;
                }
                byte[] hash = CanonicalEntry.hash(chain, row.seq(), row.at(), row.subscriberId(), row.action(),
                        row.actor(), CanonicalEntry.parseDetail(row.detail()), row.processInstanceId(), previous);
                jdbc.sql("update consent_audit_entry set prev_hash = :prev, hash = :hash where id = :id")
                        .param("prev", previous).param("hash", hash).param("id", row.id()).update();
                previous = hash;
            }
            jdbc.sql("update consent_audit_head set hash = :hash where account_id = :chain")
                    .param("hash", previous).param("chain", chain).update();
            jdbc.sql("alter table consent_audit_entry enable trigger consent_audit_entry_append_only").update();
        });
    }

    private void tamper(String sql, long seq) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table consent_audit_entry disable trigger consent_audit_entry_append_only").update();
            jdbc.sql(sql).param("chain", chain).param("seq", seq).update();
            jdbc.sql("alter table consent_audit_entry enable trigger consent_audit_entry_append_only").update();
        });
    }
}
