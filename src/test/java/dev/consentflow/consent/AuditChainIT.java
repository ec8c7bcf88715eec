package dev.consentflow.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The hash-chained audit log: what it records, that it verifies, and that any tampering is found. */
@IntegrationTest
class AuditChainIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog auditLog;

    Api admin;
    String account;
    String subscriberId;

    /** Each test works in an account of its own, so tampering breaks no other test's chain. */
    @BeforeEach
    void anAccountWithAContact() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = TestAccounts.accountId(admin);
        admin.post("/api/lists", Map.of("key", "news", "name", "News"));
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", "audit-" + UUID.randomUUID() + "@example.dk",
                "list", "news", "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        subscriberId = subscribed.json().get("subscriberId").asText();
        admin.get("/api/contacts/" + subscriberId);
        admin.patch("/api/contacts/" + subscriberId, Map.of("fields", Map.of("firstName", "Anna")));
        // Entries are chained just after their commit; a reader of the trail chains what still waits, so the
        // tampering below finds every entry in the chain.
        admin.get("/api/audit/verify");
    }

    @Test
    void aPersonsTrailListsEveryFactOldestFirstWithItsHashes() {
        Answer trail = admin.get("/api/contacts/" + subscriberId + "/audit");
        assertThat(trail.status()).as(trail.body()).isEqualTo(200);
        // The timeline may also hold the engine's steps for this person: this test reads the audit log's entries.
        List<JsonNode> entries = StreamSupport.stream(trail.json().spliterator(), false)
                .filter(entry -> "audit".equals(entry.get("source").asText())).toList();
        assertThat(entries).extracting(entry -> entry.get("action").asText())
                .containsExactly("SUBSCRIBED", "CONFIRMED", "VIEWED", "UPDATED");
        JsonNode subscribed = entries.get(0);
        assertThat(subscribed.get("source").asText()).isEqualTo("audit");
        assertThat(subscribed.get("actor").asText()).startsWith("admin:");
        assertThat(subscribed.get("detail").get("list").asText()).isEqualTo("news");
        assertThat(subscribed.get("detail").get("ip").asText()).isEqualTo("203.0.113.7");
        assertThat(subscribed.get("hash").asText()).hasSize(64);
        assertThat(subscribed.has("prevHash")).isTrue();
        assertThat(subscribed.has("processInstanceId")).isTrue();
        assertThat(entries.get(1).get("prevHash").asText()).isEqualTo(subscribed.get("hash").asText());
        long seq = 0;
        for (JsonNode entry : entries) {
            assertThat(entry.get("seq").asLong()).isGreaterThan(seq);
            seq = entry.get("seq").asLong();
        }
        assertThat(entries.get(3).get("detail").get("fields").get(0).asText()).isEqualTo("firstName");
        assertThat(trail.body()).doesNotContain("Anna", "audit-");
    }

    @Test
    void anIpv6AddressIsRecordedInItsShortFormWhoeverWroteIt() {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", "ipv6-" + UUID.randomUUID()
                + "@example.dk", "list", "news", "confirmed", true, "ip", "2001:0DB8:0:0:0:0:0:7",
                "at", "2025-11-29T10:00:00Z"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String person = subscribed.json().get("subscriberId").asText();

        JsonNode card = admin.get("/api/contacts/" + person).json();
        assertThat(card.get("subscriptions").get(0).get("subscribeIp").asText()).isEqualTo("2001:db8::7");
        JsonNode entry = StreamSupport.stream(admin.get("/api/contacts/" + person + "/audit").json().spliterator(),
                false).filter(e -> "SUBSCRIBED".equals(e.get("action").asText())).findFirst().orElseThrow();
        assertThat(entry.get("detail").get("ip").asText()).isEqualTo("2001:db8::7");
    }

    @Test
    void onlyAdminsAndComplianceReadTheAuditAndForeignIdsAreUnknown() {
        assertThat(TestAccounts.newKey(admin, "COMPLIANCE").get("/api/contacts/" + subscriberId + "/audit").status())
                .isEqualTo(200);
        assertThat(TestAccounts.newKey(admin, "MARKETER").get("/api/contacts/" + subscriberId + "/audit").status())
                .isEqualTo(403);
        assertThat(TestAccounts.newKey(admin, "MARKETER").get("/api/audit").status()).isEqualTo(403);
        assertThat(admin.as(Api.OPERATOR_KEY).get("/api/contacts/" + subscriberId + "/audit").status()).isEqualTo(403);
        assertThat(admin.as(Api.ADMIN_KEY).get("/api/contacts/" + subscriberId + "/audit").status()).isEqualTo(404);
    }

    @Test
    void theAccountsLogFiltersByActionAndTime() {
        Answer keys = admin.get("/api/audit?action=KEY_CREATED");
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        assertThat(keys.json()).hasSize(1);
        assertThat(keys.json().get(0).get("detail").get("role").asText()).isEqualTo("ADMIN");
        TestAccounts.newKey(admin, "MARKETER");
        assertThat(admin.get("/api/audit?action=KEY_CREATED").json()).hasSize(2);

        JsonNode all = admin.get("/api/audit").json();
        assertThat(all.findValuesAsText("action")).as("the list's creation is the account's fact too")
                .startsWith("KEY_CREATED", "LIST_CREATED", "SUBSCRIBED", "CONFIRMED");
        String firstAt = all.get(1).get("at").asText();
        assertThat(admin.get("/api/audit?from=" + firstAt).json().get(0).get("at").asText()).isEqualTo(firstAt);
        assertThat(admin.get("/api/audit?to=" + firstAt).json().findValuesAsText("action")).containsExactly("KEY_CREATED");
        assertThat(admin.get("/api/audit?limit=2").json()).hasSize(2);
        assertThat(admin.get("/api/audit?afterSeq=2").json().get(0).get("seq").asLong()).isEqualTo(3);

        Answer bad = admin.get("/api/audit?action=HACKED");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("action");
        assertThat(admin.get("/api/audit?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void anUntouchedChainVerifiesUpToItsHead() {
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        JsonNode all = admin.get("/api/audit").json();
        assertThat(verified.get("entries").asLong()).isEqualTo(all.size());
        assertThat(verified.get("head").asText()).isEqualTo(all.get(all.size() - 1).get("hash").asText());
        assertThat(verified.has("firstBrokenSeq")).isFalse();
    }

    @Test
    void aChangedEntryBreaksTheChainAtThatEntry() {
        tamper("update consent_audit_entry set detail = jsonb_set(detail, '{ip}', '\"198.51.100.1\"') "
                + "where account_id = ?::uuid and seq = 2", account);
        assertBrokenAt(2);
    }

    @Test
    void aChangedActorOrTimeIsFoundToo() {
        tamper("update consent_audit_entry set actor = 'person' where account_id = ?::uuid and seq = 3", account);
        assertBrokenAt(3);
    }

    @Test
    void aRemovedEntryBreaksTheChainWhereItWas() {
        tamper("delete from consent_audit_entry where account_id = ?::uuid and seq = 2", account);
        assertBrokenAt(2);
    }

    @Test
    void aRemovedLastEntryIsFoundThroughTheHead() {
        long last = admin.get("/api/audit/verify").json().get("entries").asLong();
        tamper("delete from consent_audit_entry where account_id = ?::uuid and seq = " + last, account);
        assertBrokenAt(last);
    }

    @Test
    void reorderedEntriesBreakTheChainAtTheFirstOfThem() {
        tamper("update consent_audit_entry set seq = 1000000 where account_id = ?::uuid and seq = 2", account);
        tamper("update consent_audit_entry set seq = 2 where account_id = ?::uuid and seq = 3", account);
        tamper("update consent_audit_entry set seq = 3 where account_id = ?::uuid and seq = 1000000", account);
        assertBrokenAt(2);
    }

    @Test
    void theLogRefusesChangesFromAnyoneWhoDoesNotFirstDisableItsGuard() {
        assertThatThrownBy(() -> jdbc.sql("update consent_audit_entry set actor = 'x' where account_id = ?::uuid")
                .param(account).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from consent_audit_entry where account_id = ?::uuid")
                .param(account).update()).hasMessageContaining("append-only");
        assertThat(admin.get("/api/audit/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void parallelAppendsToOneChainGetConsecutiveSeqsAndStillVerify() throws Exception {
        long before = admin.get("/api/audit/verify").json().get("entries").asLong();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    transactions.executeWithoutResult(status -> auditLog.append(new AuditEntry(AccountId.of(account),
                            UUID.fromString(subscriberId), AuditAction.VIEWED, "test:parallel", Map.of("i", 1), null)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> result : results) {
            result.get();
        }
        pool.shutdown();

        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("entries").asLong()).isEqualTo(before + threads * each);
        List<Long> seqs = jdbc.sql("select seq from consent_audit_entry where account_id = ?::uuid and actor = ? "
                + "order by seq").params(account, "test:parallel").query(Long.class).list();
        assertThat(seqs).hasSize(threads * each);
        assertThat(seqs.get(0)).isEqualTo(before + 1);
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(before + threads * each);
        assertThat(jdbc.sql("select count(*) from consent_audit_pending where account_id = ?::uuid").param(account)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRolledBackTransactionLeavesNoEntryAndNoGap() {
        long before = admin.get("/api/audit/verify").json().get("entries").asLong();
        transactions.executeWithoutResult(status -> {
            auditLog.append(new AuditEntry(AccountId.of(account), null, AuditAction.VIEWED, "test:rollback", Map.of(),
                    null));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> auditLog.append(new AuditEntry(AccountId.of(account), null,
                AuditAction.VIEWED, "test:commit", Map.of(), null)));
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("entries").asLong()).isEqualTo(before + 1);
        JsonNode added = admin.get("/api/audit?afterSeq=" + before).json();
        assertThat(added.findValuesAsText("actor")).containsExactly("test:commit");
        assertThat(added.get(0).get("seq").asLong()).isEqualTo(before + 1);
    }

    @Test
    void entriesHandedOverForTheCommitGoInAtItInTheirOrderEvenOneHandedOverWhileTheyAreWritten() {
        long before = admin.get("/api/audit/verify").json().get("entries").asLong();
        AccountId of = AccountId.of(account);
        transactions.executeWithoutResult(status -> {
            auditLog.appendAtCommit(new AuditEntry(of, null, AuditAction.VIEWED, "test:first", Map.of(), null));
            auditLog.appendAtCommit(new AuditEntry(of, null, AuditAction.VIEWED, "test:second", Map.of(), null));
            // Another module's synchronization, registered after the entries' own: it runs once they are written.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    auditLog.appendAtCommit(new AuditEntry(of, null, AuditAction.VIEWED, "test:late", Map.of(),
                            null));
                }
            });
            assertThat(jdbc.sql("select count(*) from consent_audit_pending where actor like 'test:%'")
                    .query(Long.class).single()).as("not written before the commit").isZero();
        });
        transactions.executeWithoutResult(status -> {
            auditLog.appendAtCommit(new AuditEntry(of, null, AuditAction.VIEWED, "test:rolled-back", Map.of(), null));
            status.setRollbackOnly();
        });
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        JsonNode added = admin.get("/api/audit?afterSeq=" + before).json();
        assertThat(added.findValuesAsText("actor")).containsExactly("test:first", "test:second", "test:late");
    }

    @Test
    void manyEntriesOfOneTransactionAreChainedInItAfterTheEntriesThatWait() {
        long before = admin.get("/api/audit/verify").json().get("entries").asLong();
        // A committed entry whose node stopped before chaining it: the bulk append (or the sweep) chains it first.
        jdbc.sql("""
                insert into consent_audit_pending (account_id, at, subscriber_id, action, actor, detail)
                values (?::uuid, now(), ?::uuid, 'VIEWED', 'test:waiting', '{"via":"test"}'::jsonb)""")
                .params(account, subscriberId).update();
        List<AuditEntry> many = bulk("test:bulk", 120);

        transactions.executeWithoutResult(status -> {
            auditLog.appendAll(many);
            assertThat(jdbc.sql("select count(*) from consent_audit_entry where account_id = ?::uuid and actor = ?")
                    .params(account, "test:bulk").query(Long.class).single())
                    .as("chained in the appending transaction, not left waiting").isEqualTo(120);
        });

        assertThat(jdbc.sql("select count(*) from consent_audit_pending where account_id = ?::uuid").param(account)
                .query(Long.class).single()).isZero();
        List<String> actors = jdbc.sql("select actor from consent_audit_entry where account_id = ?::uuid and seq > ? "
                + "order by seq").params(account, before).query(String.class).list();
        assertThat(actors).hasSize(121).first().isEqualTo("test:waiting");
        assertThat(actors.subList(1, 121)).containsOnly("test:bulk");
        List<Long> items = jdbc.sql("select (detail->>'item')::bigint from consent_audit_entry where account_id = "
                + "?::uuid and actor = 'test:bulk' order by seq").param(account).query(Long.class).list();
        assertThat(items).isSorted().hasSize(120);
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("entries").asLong()).isEqualTo(before + 121);
    }

    @Test
    void manyEntriesOfATransactionThatRollsBackLeaveNoEntryAndNoGap() {
        long before = admin.get("/api/audit/verify").json().get("entries").asLong();
        transactions.executeWithoutResult(status -> {
            auditLog.appendAll(bulk("test:bulk-rollback", 80));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> auditLog.appendAll(bulk("test:bulk-commit", 60)));

        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("entries").asLong()).isEqualTo(before + 60);
        assertThat(jdbc.sql("select min(seq) from consent_audit_entry where account_id = ?::uuid and actor = ?")
                .params(account, "test:bulk-commit").query(Long.class).single()).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from consent_audit_entry where account_id = ?::uuid and actor = ?")
                .params(account, "test:bulk-rollback").query(Long.class).single()).isZero();
    }

    private List<AuditEntry> bulk(String actor, int count) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new AuditEntry(AccountId.of(account), UUID.fromString(subscriberId), AuditAction.VIEWED, actor,
                    Map.of("item", i, "via", "tab\there"), null));
        }
        return entries;
    }

    @Test
    void platformOperatorsVerifyThePlatformChainOrAnAccountsWithoutSeeingItsEntries() {
        Api operator = admin.as(Api.OPERATOR_KEY);
        JsonNode platform = operator.get("/api/audit/verify").json();
        assertThat(platform.get("valid").asBoolean()).isTrue();
        assertThat(platform.get("entries").asLong()).isPositive();
        JsonNode theAccount = operator.get("/api/audit/verify?account=" + account).json();
        assertThat(theAccount.get("entries").asLong())
                .isEqualTo(admin.get("/api/audit/verify").json().get("entries").asLong());
        assertThat(operator.get("/api/audit").status()).isEqualTo(403);
        assertThat(admin.get("/api/audit/verify?account=" + UUID.randomUUID()).status()).isEqualTo(400);
    }

    /** A database owner who disables the guard can change rows; the chain is what finds them. */
    private void tamper(String sql, String accountId) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table consent_audit_entry disable trigger consent_audit_entry_append_only").update();
            jdbc.sql(sql).param(accountId).update();
            jdbc.sql("alter table consent_audit_entry enable trigger consent_audit_entry_append_only").update();
        });
    }

    private void assertBrokenAt(long seq) {
        JsonNode verified = admin.get("/api/audit/verify").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isFalse();
        assertThat(verified.get("firstBrokenSeq").asLong()).isEqualTo(seq);
    }
}
