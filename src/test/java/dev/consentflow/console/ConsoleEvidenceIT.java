package dev.consentflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's evidence pack of one person, verified offline by its own script, and the export requests' inbox. */
@IntegrationTest
class ConsoleEvidenceIT {

    private static final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @TempDir
    Path folder;

    Api admin;
    String list;

    @BeforeEach
    void account() {
        admin = TestAccounts.newAccount(Api.at(port));
        list = "news";
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
    }

    @Test
    void theEvidencePackHoldsTheExportTheAuditEntriesAndTheChainHeadAndItsScriptFindsATamperedEntry()
            throws Exception {
        String email = "anna-" + UUID.randomUUID() + "@example.dk";
        String id = subscribe(email);
        ConsoleSession officer = ConsoleSession.join(port, admin, "COMPLIANCE");

        HttpResponse<byte[]> pack = officer.submit("/app/people/" + id, "/app/people/" + id + "/evidence", Map.of());
        assertThat(pack.statusCode()).isEqualTo(200);
        assertThat(pack.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        assertThat(pack.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"evidence-" + id + "-").endsWith(".zip\"");
        Map<String, byte[]> files = unzip(pack.body());
        assertThat(files).containsOnlyKeys("export.json", "audit.json", "chain.json", "README.txt",
                "README.da.txt", "verify_chain.py");

        assertThat(json.readTree(files.get("export.json")).toString()).contains(email, "203.0.113.7");
        JsonNode entries = json.readTree(files.get("audit.json"));
        List<JsonNode> apiEntries = StreamSupport.stream(admin.get("/api/contacts/" + id + "/audit").json()
                .spliterator(), false).filter(e -> "audit".equals(e.get("source").asText())).toList();
        assertThat(entries.size()).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(apiEntries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i)).isEqualTo(apiEntries.get(i));
        }
        assertThat(entries.findValuesAsText("action")).contains("SUBSCRIBED", "CONFIRMED", "VIEWED", "EXPORTED");
        JsonNode chain = json.readTree(files.get("chain.json"));
        assertThat(chain.get("valid").asBoolean()).isTrue();
        assertThat(chain.get("account").asText()).isEqualTo(TestAccounts.accountId(admin));
        assertThat(chain.get("head").asText()).hasSize(64);
        assertThat(new String(files.get("README.txt"), StandardCharsets.UTF_8)).contains("verify_chain.py");

        JsonNode exported = apiEntries.stream().filter(e -> "EXPORTED".equals(e.get("action").asText()))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(exported.get("actor").asText()).startsWith("user:");
        assertThat(exported.get("detail").get("pack").asText()).isEqualTo("evidence");

        files.forEach((name, bytes) -> write(folder.resolve(name), bytes));
        Run ok = python(folder);
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).startsWith("OK: " + entries.size() + " entries");

        ObjectNode tampered = (ObjectNode) entries.get(1);
        long seq = tampered.get("seq").asLong();
        ((ObjectNode) tampered.get("detail")).put("forged", "yes");
        json.writeValue(folder.resolve("audit.json").toFile(), entries);
        Run broken = python(folder);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("MISMATCH at seq " + seq + " ");
    }

    @Test
    void aTombstoneGetsAPackWhoseExportHoldsNoAddress() throws Exception {
        String email = "gone-" + UUID.randomUUID() + "@example.dk";
        String id = subscribe(email);
        Answer erased = admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "asked by phone"));
        assertThat(erased.status()).as(erased.body()).isBetween(200, 299);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                "DELETED".equals(admin.get("/api/contacts/" + id).json().path("permission").asText()));
        ConsoleSession officer = ConsoleSession.join(port, admin, "ADMIN");

        HttpResponse<byte[]> pack = officer.submit("/app/people/" + id, "/app/people/" + id + "/evidence", Map.of());
        assertThat(pack.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = unzip(pack.body());
        assertThat(new String(files.get("export.json"), StandardCharsets.UTF_8)).doesNotContain(email);
        assertThat(json.readTree(files.get("audit.json")).findValuesAsText("action")).contains("ERASED");
        files.forEach((name, bytes) -> write(folder.resolve(name), bytes));
        Run ok = python(folder);
        assertThat(ok.exit()).as(ok.output()).isZero();
    }

    @Test
    void anOtherAccountsPersonHasNoPack() {
        String id = subscribe("anna-" + UUID.randomUUID() + "@example.dk");
        ConsoleSession stranger = ConsoleSession.join(port, TestAccounts.newAccount(Api.at(port)), "COMPLIANCE");
        HttpResponse<byte[]> pack = stranger.submit("/app/people", "/app/people/" + id + "/evidence", Map.of());
        assertThat(pack.statusCode()).isEqualTo(404);
    }

    @Test
    void anAdminDecidesOperatorsExportRequestsFromTheInbox() {
        String id = subscribe("bert-" + UUID.randomUUID() + "@example.dk");
        Api operator = admin.as(Api.OPERATOR_KEY);
        String accountId = TestAccounts.accountId(admin);
        String forPerson = operator.post("/api/export-requests", Map.of("account", accountId, "subscriberId", id,
                "format", "json")).json().get("id").asText();
        String forList = operator.post("/api/export-requests", Map.of("account", accountId, "list", list,
                "format", "csv")).json().get("id").asText();
        ConsoleSession officer = ConsoleSession.join(port, admin, "COMPLIANCE");
        ConsoleSession adminUser = ConsoleSession.join(port, admin, "ADMIN");

        assertThat(officer.page("/app/decisions")).contains("One person", "The list Acme News")
                .doesNotContain("/app/decisions/export-requests/");
        assertThat(officer.submit("/app/decisions", "/app/decisions/export-requests/" + forPerson,
                Map.of("decision", "approve", "confirm", "yes")).statusCode()).isEqualTo(403);

        String inbox = adminUser.page("/app/decisions");
        assertThat(inbox).contains("/app/decisions/export-requests/" + forPerson,
                "/app/decisions/export-requests/" + forList);
        assertThat(adminUser.submit("/app/decisions", "/app/decisions/export-requests/" + forPerson,
                Map.of("decision", "approve")).statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/export-requests/" + forPerson).json().get("status").asText())
                .isEqualTo("PENDING_APPROVAL");

        HttpResponse<byte[]> approved = adminUser.submit("/app/decisions",
                "/app/decisions/export-requests/" + forPerson, Map.of("decision", "approve", "confirm", "yes"));
        assertThat(approved.headers().firstValue("Location").orElse("")).endsWith("/app/decisions?exportApproved");
        assertThat(adminUser.page("/app/decisions?exportApproved")).contains("The export is released")
                .doesNotContain("/app/decisions/export-requests/" + forPerson);
        HttpResponse<byte[]> rejected = adminUser.submit("/app/decisions",
                "/app/decisions/export-requests/" + forList, Map.of("decision", "reject", "confirm", "yes"));
        assertThat(rejected.headers().firstValue("Location").orElse("")).endsWith("/app/decisions?exportRejected");
        assertThat(adminUser.submit("/app/decisions", "/app/decisions/export-requests/" + forList,
                Map.of("decision", "approve", "confirm", "yes")).statusCode()).isEqualTo(409);

        JsonNode person = admin.get("/api/export-requests/" + forPerson).json();
        assertThat(person.get("status").asText()).isEqualTo("APPROVED");
        assertThat(person.get("decidedBy").asText()).startsWith("user:");
        assertThat(admin.get("/api/export-requests/" + forList).json().get("status").asText()).isEqualTo("REJECTED");
        JsonNode audit = admin.get("/api/audit?action=EXPORT_REJECTED").json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor").asText()).isEqualTo(person.get("decidedBy").asText());
        assertThat(admin.get("/api/audit?action=EXPORT_APPROVED").json().get(0).get("actor").asText())
                .isEqualTo(person.get("decidedBy").asText());
    }

    private String subscribe(String email) {
        Answer subscribed = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.7", "at", "2026-11-29T10:00:00Z"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        return subscribed.json().get("subscriberId").asText();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run python(Path folder) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", folder.resolve("verify_chain.py").toString(),
                folder.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
