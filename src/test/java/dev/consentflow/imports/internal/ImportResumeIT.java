package dev.consentflow.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.imports.Uploads;
import dev.consentflow.imports.internal.ImportTable.Claimed;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node dies in the middle of an import: another node takes it over when the lease runs out and resumes after the
 * last committed chunk. Every row counts once, every address has one card, and the dead node can write nothing
 * more.
 */
@IntegrationTest
class ImportResumeIT {

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
    ImportSettings settings;

    @Test
    void anImportWhoseNodeDiedIsResumedByAnotherNodeAfterTheLastCommittedChunkWithoutDuplicates() {
        Api admin = TestAccounts.newAccount(Api.at(port));
        String list = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Resumed")).status()).isEqualTo(201);
        List<String> addresses = new ArrayList<>();
        StringBuilder csv = new StringBuilder("email,firstName\n");
        for (int i = 0; i < 10; i++) {
            String address = "resume-" + i + "-" + UUID.randomUUID() + "@example.dk";
            addresses.add(address);
            csv.append(address).append(",Person").append(i).append('\n');
        }
        csv.append("broken,Nobody\n");
        worker.stop();
        String id;
        try {
            id = Uploads.start(admin, "resume.csv", csv.toString().getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
            Claimed claimed = table.claim("dead-node", settings.lease()).orElseThrow();
            assertThat(claimed.id().toString()).isEqualTo(id);
            assertThat(runner.run(claimed, "dead-node", () -> true, 1)).isEqualTo(ImportRunner.Result.STOPPED);
            JsonNode halfway = admin.get("/api/imports/" + id).json();
            assertThat(halfway.get("status").asText()).isEqualTo("RUNNING");
            assertThat(halfway.get("done").asLong()).isEqualTo(settings.chunkRows());
            assertThat(halfway.get("imported").asLong()).isEqualTo(settings.chunkRows());

            // The dead node's lease runs out (as time would make it).
            jdbc.sql("update imports_import set lease_expires_at = now() - interval '1 second' where id = ?")
                    .param(UUID.fromString(id)).update();
        } finally {
            worker.start();
        }
        JsonNode done = Uploads.awaitEnd(admin, id);
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("rows").asLong()).isEqualTo(11);
        assertThat(done.get("imported").asLong()).isEqualTo(10);
        assertThat(done.get("updated").asLong()).isZero();
        assertThat(done.get("rejected").asLong()).isEqualTo(1);
        assertThat(admin.get("/api/imports/" + id + "/rejections").json()).hasSize(1);
        for (String address : addresses) {
            JsonNode cards = admin.get("/api/contacts?email=" + URLEncoder.encode(address, StandardCharsets.UTF_8)).json();
            assertThat(cards).as(address).hasSize(1);
            assertThat(cards.get(0).get("subscriptions")).hasSize(1);
        }
        // Chained and still waiting to be chained, in one statement: an entry moves from one to the other atomically.
        assertThat(jdbc.sql("""
                        select (select count(*) from consent_audit_entry where account_id = :account and action = 'CONFIRMED')
                             + (select count(*) from consent_audit_pending where account_id = :account and action = 'CONFIRMED')""")
                .param("account", UUID.fromString(TestAccounts.accountId(admin))).query(Long.class).single())
                .isEqualTo(10);

        Claimed stale = new Claimed(UUID.fromString(id), null, null, list, ImportFormat.CSV, true, UUID.randomUUID(),
                dev.consentflow.accounts.Role.MARKETER, settings.chunkRows(), java.time.Instant.now(), true);
        assertThat(table.hold(stale.id(), "dead-node")).as("the dead node holds nothing any more").isEmpty();
        assertThat(table.finish(stale.id(), "dead-node", "FAILED", "late")).isFalse();
    }
}
