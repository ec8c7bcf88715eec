package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.engine.HistoryRetention;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RepositoryService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine history of an account's finished platform processes leaves after the account's period, run with a
 * clock moved forward: the timeline then says where the process steps end, the audit entries all stay, the
 * removal is audited with counts, running instances and other accounts keep theirs.
 */
@IntegrationTest
class ProcessHistoryRetentionIT {

    @LocalServerPort
    int port;

    @Autowired
    ProcessHistoryRetention retention;

    @Autowired
    HistoryService history;

    @Autowired
    RepositoryService repository;

    Api admin;
    AccountId account;
    String erased;
    String pending;

    @BeforeEach
    void anErasedPersonAndAPendingOne() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        erased = erasedPerson(admin);
        pending = admin.post("/api/subscriptions", Map.of("email", "pending-" + UUID.randomUUID() + "@example.dk",
                "list", "news", "ip", "203.0.113.7")).json().get("subscriberId").asText();
    }

    @Test
    void finishedInstancesLeaveAfterThirtySixMonthsByDefaultAndTheTimelineSaysWhereTheStepsEnd() {
        List<JsonNode> before = timeline(admin, erased);
        assertThat(before).filteredOn(e -> "engine".equals(e.get("source").asText())).isNotEmpty();
        assertThat(before).noneMatch(e -> "retention".equals(e.get("source").asText()));
        long auditEntries = count(before, "audit");
        Api otherAdmin = TestAccounts.newAccount(Api.at(port));
        String othersErased = erasedPerson(otherAdmin);
        JsonNode settings = admin.get("/api/retention-settings").json();
        assertThat(settings.get("engineHistoryMonths").asInt()).isEqualTo(36);
        assertThat(settings.get("behaviourEventMonths").asInt()).isEqualTo(24);

        assertThat(retention.removeExpired(account, monthsLater(35))).as("within the period").isZero();
        assertThat(timeline(admin, erased)).filteredOn(e -> "engine".equals(e.get("source").asText())).isNotEmpty();

        Instant later = monthsLater(37);
        assertThat(retention.removeExpired(account, later)).isPositive();
        List<JsonNode> after = timeline(admin, erased);
        assertThat(after).noneMatch(e -> "engine".equals(e.get("source").asText()));
        assertThat(count(after, "audit")).as("every audit entry stays").isEqualTo(auditEntries);
        JsonNode notice = after.stream().filter(e -> "retention".equals(e.get("source").asText())).findFirst()
                .orElseThrow();
        assertThat(notice.get("what").asText()).isEqualTo("engineHistory");
        assertThat(notice.get("engineHistoryMonths").asInt()).isEqualTo(36);
        assertThat(Instant.parse(notice.get("at").asText()))
                .isEqualTo(later.atOffset(ZoneOffset.UTC).minusMonths(36).toInstant().truncatedTo(ChronoUnit.MICROS));
        assertThat(notice.get("note").asText()).contains("removed by retention", "audit entries remain");
        assertThat(after.get(after.size() - 1)).as("after every entry it covers").isEqualTo(notice);

        JsonNode applied = StreamSupport.stream(admin.get("/api/audit?action=RETENTION_APPLIED").json().spliterator(),
                false).filter(e -> "engineHistory".equals(e.get("detail").get("what").asText())).findFirst().orElseThrow();
        assertThat(applied.get("actor").asText()).isEqualTo("system:retention");
        assertThat(applied.get("detail").get("processes").get("gdpr-erasure").asInt()).isEqualTo(1);
        assertThat(applied.get("detail").get("removed").asInt())
                .isEqualTo(sum(applied.get("detail").get("processes")));

        assertThat(timeline(admin, pending)).as("a running instance stays")
                .anyMatch(e -> "engine".equals(e.get("source").asText()));
        assertThat(timeline(otherAdmin, othersErased)).as("another account's history stays")
                .anyMatch(e -> "engine".equals(e.get("source").asText()));
        assertThat(retention.removeExpired(account, later)).as("nothing left, nothing audited").isZero();
        assertThat(admin.get("/api/audit?action=RETENTION_APPLIED").json()).hasSize(1);
        assertThat(admin.get("/api/retention-settings").json().get("engineHistoryBefore").asText())
                .isEqualTo(notice.get("at").asText());
    }

    @Test
    void anAccountsOwnPeriodIsAnAdminsAuditedSettingAndTheJobRunsOnceAcrossNodes() {
        assertThat(admin.put("/api/retention-settings", Map.of("engineHistoryMonths", 0)).status()).isEqualTo(400);
        assertThat(admin.put("/api/retention-settings", Map.of("engineHistoryMonths", 121)).status()).isEqualTo(400);
        assertThat(admin.put("/api/retention-settings", Map.of()).status()).isEqualTo(400);
        assertThat(TestAccounts.newKey(admin, "MARKETER").put("/api/retention-settings",
                Map.of("engineHistoryMonths", 6)).status()).isEqualTo(403);
        Api.Answer changed = admin.put("/api/retention-settings", Map.of("engineHistoryMonths", 12));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("engineHistoryMonths").asInt()).isEqualTo(12);
        assertThat(changed.json().get("behaviourEventMonths").asInt()).as("left as it was").isEqualTo(24);
        assertThat(admin.get("/api/audit?action=SETTING_CHANGED").json())
                .anyMatch(e -> "engineHistoryMonths".equals(e.get("detail").get("setting").asText())
                        && e.get("detail").get("value").asInt() == 12);

        assertThat(retention.removeExpired(account, monthsLater(11))).isZero();
        assertThat(retention.removeExpired(account, monthsLater(13))).isPositive();
        assertThat(timeline(admin, erased)).noneMatch(e -> "engine".equals(e.get("source").asText()));

        retention.daily();
        JsonNode job = Api.at(port).get("/actuator/health/jobs").json().get("components").get("scheduledJobs")
                .get("details").get(ProcessHistoryRetention.JOB);
        assertThat(job.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("summary").asText()).startsWith("engineHistoryInstances=");
    }

    @Test
    void theEnginesOwnCleanupKeepsThePlatformsHistoryLongerThanAnyAccountMay() {
        assertThat(repository.createProcessDefinitionQuery().withoutTenantId().list())
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isGreaterThanOrEqualTo(
                        HistoryRetention.BACKSTOP_DAYS));
        Instant removal = history.createHistoricProcessInstanceQuery().tenantIdIn(account.toString())
                .processDefinitionKey("gdpr-erasure").singleResult().getRemovalTime().toInstant();
        assertThat(removal).isAfter(monthsLater(HistoryRetention.MAX_MONTHS));
    }

    /** A person subscribed to "news" (made once) and erased; waits until the erasure's process has ended. */
    private String erasedPerson(Api api) {
        api.post("/api/lists", Map.of("key", "news", "name", "News"));
        String id = api.post("/api/subscriptions", Map.of("email", "history-" + UUID.randomUUID() + "@example.dk",
                "list", "news", "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z"))
                .json().get("subscriberId").asText();
        Api.Answer erase = TestAccounts.newKey(api, "COMPLIANCE").post("/api/contacts/" + id + "/erase",
                Map.of("reason", "asked by mail"));
        assertThat(erase.status()).as(erase.body()).isEqualTo(202);
        String tenant = TestAccounts.accountId(api);
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .tenantIdIn(tenant).processDefinitionKey("gdpr-erasure").finished().count() == 1);
        return id;
    }

    private static List<JsonNode> timeline(Api api, String id) {
        Api.Answer answer = api.get("/api/contacts/" + id + "/audit");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false).toList();
    }

    private static long count(List<JsonNode> entries, String source) {
        return entries.stream().filter(e -> source.equals(e.get("source").asText())).count();
    }

    private static int sum(JsonNode counts) {
        int sum = 0;
        for (JsonNode count : counts) {
            sum += count.asInt();
        }
        return sum;
    }

    private static Instant monthsLater(int months) {
        return Instant.now().atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}
