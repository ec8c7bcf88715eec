package dev.consentflow.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.imports.Uploads;
import dev.consentflow.imports.internal.ImportTable.Claimed;
import dev.consentflow.imports.internal.UploadStore.Part;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DatabaseScan;
import dev.consentflow.support.TestAccounts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 20, item 2: an erased person's data in a waiting or running import is dropped the moment the erasure
 * commits, not when the import ends; and a chunk that read the person's row before the erasure does not make
 * them again.
 */
@IntegrationTest
class ImportErasureIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportWorker worker;

    @Autowired
    ImportTable table;

    @Autowired
    ImportRunner runner;

    @Autowired
    UploadStore uploads;

    @Autowired
    ImportSettings settings;

    Api admin;
    AccountId account;
    String list;

    @BeforeEach
    void anAccountWithAList() {
        admin = TestAccounts.newAccount(Api.at(port));
        account = new AccountId(UUID.fromString(TestAccounts.accountId(admin)));
        list = "erasure-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Erasure")).status()).isEqualTo(201);
    }

    @Test
    void aQueuedImportHoldsNoTraceOfAPersonOnceTheirErasureCommitsAndItsRunDoesNotBringThemBack() {
        String person = address("Erased.Person");
        String mobile = "+4571" + (100000 + Math.abs(person.hashCode() % 900000));
        String secret = "Hemmelig" + UUID.randomUUID().toString().substring(0, 6);
        String subscriber = subscribeConfirmed(person);
        List<String> others = new ArrayList<>();
        StringBuilder csv = new StringBuilder("email,mobile,firstName\n");
        for (int i = 0; i < 7; i++) {
            String other = address("other-" + i);
            others.add(other);
            csv.append(other).append(",,Other").append(i).append('\n');
            if (i == 2) {
                csv.append(person).append(',').append(mobile).append(',').append(secret).append('\n');
            }
            if (i == 5) {
                csv.append(person.toUpperCase(Locale.ROOT)).append(",,").append(secret).append("Again\n");
            }
        }
        worker.stop();
        String id;
        try {
            id = Uploads.start(admin, "people.csv", csv.toString().getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
            UUID importId = UUID.fromString(id);
            assertThat(plainRows(importId)).as("the upload holds the person before the erasure")
                    .anyMatch(row -> row.contains(person));

            assertThat(admin.post("/api/contacts/" + subscriber + "/erase", Map.of("reason", "asked")).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/contacts/" + subscriber).json()
                    .get("permission").asText(), "DELETED"::equals);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from imports_erasure where account_id = ?").param(account.value())
                    .query(Long.class).single() == 0);

            // No trace in the import's tables: not in the sealed rows, nor in any column as text or bytes.
            List<String> rows = plainRows(importId);
            assertThat(rows).hasSize(9);
            assertThat(rows).noneMatch(row -> row.toLowerCase(Locale.ROOT).contains(person.toLowerCase(Locale.ROOT))
                    || row.contains(mobile) || row.contains(secret));
            assertThat(rows).filteredOn(row -> row.contains(ImportErasures.ERASED)).hasSize(2);
            assertThat(DatabaseScan.of(jdbc).find(List.of(person, person.toLowerCase(Locale.ROOT), mobile, secret)))
                    .noneMatch(hit -> hit.contains("imports_"));
            assertThat(jdbc.sql("select count(*) from imports_rejection where import_id = ?").param(importId)
                    .query(Long.class).single()).isZero();
            // The audit says how many rows left which import, on the person's timeline, and never the address.
            String detail = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select detail::text from consent_audit_entry
                     where account_id = ? and subscriber_id = ? and action = 'RETENTION_APPLIED'""")
                    .params(account.value(), UUID.fromString(subscriber)).query(String.class).optional().orElse(""),
                    text -> !text.isEmpty());
            assertThat(detail).contains("\"removed\": 2").contains(id).contains("importRows")
                    .doesNotContain(person).doesNotContain(person.toLowerCase(Locale.ROOT));
        } finally {
            worker.start();
        }

        JsonNode done = Uploads.awaitEnd(admin, id);
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("rows").asLong()).isEqualTo(9);
        assertThat(done.get("imported").asLong()).isEqualTo(7);
        assertThat(done.get("rejected").asLong()).isEqualTo(2);
        JsonNode rejections = admin.get("/api/imports/" + id + "/rejections").json();
        assertThat(rejections).hasSize(2);
        assertThat(rejections.findValuesAsText("reason")).containsOnly(ImportErasures.ERASED);
        assertThat(rejections.findValuesAsText("row")).containsExactly("4", "8");
        JsonNode cards = cards(person);
        assertThat(cards).as("only the tombstone: nobody was made again").hasSize(1);
        assertThat(cards.get(0).get("permission").asText()).isEqualTo("DELETED");
        others.forEach(other -> assertThat(cards(other)).as(other).hasSize(1));
    }

    @Test
    void aChunkThatReadThePersonBeforeTheErasureCommittedRejectsThemUnderTheRaceInsteadOfMakingThemAgain() {
        String person = address("raced");
        String subscriber = subscribeConfirmed(person);
        String first = address("first");
        String csv = "email,firstName\n" + first + ",First\n" + person + ",Raced\n" + address("third") + ",Third\n"
                + address("fourth") + ",Fourth\n";
        worker.stop();
        String id;
        try {
            id = Uploads.start(admin, "race.csv", csv.getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
            Claimed claimed = table.claim("racing-node", settings.lease()).orElseThrow();
            assertThat(claimed.id().toString()).isEqualTo(id);
            Columns columns = Columns.of(uploads.header(claimed.id(), claimed.account()).orElseThrow());
            Part part = uploads.remaining(claimed.id()).get(0);

            // The chunk has read and sealed its rows, the person's among them, when the erasure commits.
            ImportRunner.Ready ready = runner.prepare(claimed, columns, part);
            assertThat(admin.post("/api/contacts/" + subscriber + "/erase", Map.of("reason", "asked")).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/contacts/" + subscriber).json()
                    .get("permission").asText(), "DELETED"::equals);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from imports_erasure where account_id = ?").param(account.value())
                    .query(Long.class).single() == 0);
            assertThat(plainRows(claimed.id())).as("the part waiting in the database lost the person's row")
                    .noneMatch(row -> row.contains(person));

            runner.commit(claimed, "racing-node", ready);
            JsonNode halfway = admin.get("/api/imports/" + id).json();
            assertThat(halfway.get("done").asLong()).isEqualTo(settings.chunkRows());
            assertThat(halfway.get("rejected").asLong()).isEqualTo(1);
            assertThat(cards(person)).as("the chunk met the tombstone: nobody was made again").hasSize(1);
            jdbc.sql("update imports_import set lease_expires_at = now() - interval '1 second' where id = ?")
                    .param(claimed.id()).update();
        } finally {
            worker.start();
        }
        JsonNode done = Uploads.awaitEnd(admin, id);
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("imported").asLong()).isEqualTo(3);
        assertThat(done.get("rejected").asLong()).isEqualTo(1);
        assertThat(admin.get("/api/imports/" + id + "/rejections").json().get(0).get("reason").asText())
                .isEqualTo(ImportErasures.ERASED);
        assertThat(cards(person)).hasSize(1);
        assertThat(cards(person).get(0).get("permission").asText()).isEqualTo("DELETED");
    }

    /** Every stored row of the import, opened, as text (the header's part left out). */
    private List<String> plainRows(UUID importId) {
        List<String> rows = new ArrayList<>();
        for (Part part : uploads.remaining(importId)) {
            uploads.rows(importId, account, part.seq()).orElseThrow().forEach(row -> rows.add(row.toString()));
        }
        return rows;
    }

    private String subscribeConfirmed(String email) {
        Answer answer = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.7", "at", "2026-11-01T10:00:00Z"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("subscriberId").asText();
    }

    private JsonNode cards(String email) {
        return admin.get("/api/contacts?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).json();
    }

    private static String address(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@erasure-example.dk";
    }
}
