package dev.consentflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DatabaseScan;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API.md section 8 over HTTP: a file with good, bad, erased, unsubscribed and repeated rows; the same file twice;
 * a double opt-in import; an Excel workbook; and every bad request refused with nothing written.
 */
@IntegrationTest
class ImportIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    String accountId;
    String list;

    @BeforeEach
    void anAccountWithAList() {
        admin = TestAccounts.newAccount(Api.at(port));
        accountId = TestAccounts.accountId(admin);
        list = newList(admin);
    }

    @Test
    void aFileOfGoodBadErasedUnsubscribedAndRepeatedRowsAddsUpAndTheSameFileAgainChangesNothing() {
        String erased = address("erased");
        String erasedId = subscribeConfirmed(erased, Map.of());
        assertThat(admin.post("/api/contacts/" + erasedId + "/erase", Map.of("reason", "asked")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/contacts/" + erasedId).json()
                .get("permission").asText(), "DELETED"::equals);
        String unsubscribed = address("left");
        String unsubscribedId = subscribeConfirmed(unsubscribed, Map.of());
        assertThat(admin.post("/api/contacts/" + unsubscribedId + "/unsubscribe", Map.of("list", list)).status())
                .isEqualTo(200);
        String known = address("known");
        String knownId = subscribeConfirmed(known, Map.of("firstName", "Old"));
        String anna = address("anna");
        String bo = address("bo");
        String carl = address("carl");
        String mobile = "+4571" + (100000 + new java.util.Random().nextInt(899999));
        String city = "City" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "email,mobile,firstName,city\r\n"
                + anna + "," + mobile + ",Anna," + city + "\r\n"       // 1 imported
                + "not-an-address,,Nobody,\r\n"                    // 2 rejected: email
                + bo + ",555-0199,Bo,\r\n"                         // 3 rejected: mobile
                + erased.toUpperCase() + ",,Back,\r\n"             // 4 rejected: erased
                + unsubscribed + ",,Again,\r\n"                    // 5 rejected: unsubscribed
                + known + ",,New,\r\n"                             // 6 updated
                + "\r\n"                                           //   (a blank line is no row)
                + carl + ",,\"Carl, \"\"the\"\" third\",\r\n"      // 7 imported
                + anna + "," + mobile + ",Anna," + city + "\r\n"       // 8 repeated: unchanged
                + ",,Nameless,\r\n";                               // 9 rejected: email missing
        String id = Uploads.start(admin, "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
        JsonNode done = Uploads.awaitEnd(admin, id);

        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("list").asText()).isEqualTo(list);
        assertThat(done.get("consent").asText()).isEqualTo("CONFIRMED");
        assertThat(done.get("rows").asLong()).isEqualTo(9);
        assertThat(done.get("imported").asLong()).isEqualTo(2);
        assertThat(done.get("updated").asLong()).isEqualTo(2);
        assertThat(done.get("unchanged").asLong()).isEqualTo(1);
        assertThat(done.get("rejected").asLong()).isEqualTo(5);
        assertThat(done.get("imported").asLong() + done.get("updated").asLong() + done.get("rejected").asLong())
                .isEqualTo(done.get("rows").asLong());

        JsonNode rejections = admin.get("/api/imports/" + id + "/rejections").json();
        assertThat(rejections).hasSize(5);
        assertThat(rejections).extracting(r -> r.get("row").asLong()).containsExactly(2L, 3L, 4L, 5L, 9L);
        assertThat(rejections).extracting(r -> r.get("field").asText())
                .containsExactly("email", "mobile", "email", "email", "email");
        assertThat(rejections.get(2).get("reason").asText())
                .isEqualTo("erased: only a confirmed opt-in can bring this address back");
        assertThat(rejections.get(3).get("reason").asText()).startsWith("unsubscribed from this list");
        assertThat(rejections.toString()).doesNotContain(erased).doesNotContain("not-an-address").doesNotContain("555-0199");

        JsonNode annaCard = onlyCard(anna);
        assertThat(annaCard.get("source").asText()).isEqualTo("IMPORT");
        assertThat(annaCard.get("mobile").asText()).isEqualTo(mobile);
        assertThat(annaCard.get("fields").get("firstName").asText()).isEqualTo("Anna");
        assertThat(annaCard.get("fields").get("city").asText()).isEqualTo(city);
        JsonNode subscription = annaCard.get("subscriptions").get(0);
        assertThat(subscription.get("list").asText()).isEqualTo(list);
        assertThat(subscription.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(subscription.get("subscribeIp").isNull()).isTrue();
        assertThat(onlyCard(carl).get("fields").get("firstName").asText()).isEqualTo("Carl, \"the\" third");
        assertThat(admin.get("/api/contacts/" + knownId).json().get("fields").get("firstName").asText()).isEqualTo("New");
        assertThat(admin.get("/api/contacts/" + unsubscribedId).json().get("subscriptions").get(0).get("status")
                .asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(cards(erased)).hasSize(1);
        assertThat(cards(bo)).isEmpty();
        assertThat(auditOf(annaCard.get("subscriberId").asText())).contains("SUBSCRIBED", "CONFIRMED");

        assertThat(DatabaseScan.of(jdbc).find(List.of(anna, carl, city, "Carl, \"the\" third", mobile)))
                .as("nothing of the file in plaintext, the upload included").isEmpty();
        assertThat(jdbc.sql("select count(*) from imports_upload_part where import_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).as("the file is deleted once imported").isZero();

        long auditBefore = auditEntries();
        String again = Uploads.start(admin, "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
        JsonNode second = Uploads.awaitEnd(admin, again);
        assertThat(second.get("status").asText()).isEqualTo("DONE");
        assertThat(second.get("imported").asLong()).isZero();
        assertThat(second.get("updated").asLong()).isEqualTo(4);
        assertThat(second.get("unchanged").asLong()).isEqualTo(4);
        assertThat(second.get("rejected").asLong()).isEqualTo(5);
        assertThat(auditEntries()).as("the second import records nothing: nothing changed").isEqualTo(auditBefore);
        assertThat(cards(anna)).hasSize(1);
        assertThat(admin.get("/api/audit/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aDoubleOptInImportSendsEachNewAddressAConfirmationAndSubscribesNobodyYet() {
        String dora = address("dora");
        String emil = address("emil");
        String csv = "email,firstName\n" + dora + ",Dora\n" + emil + ",Emil\n" + dora + ",Dora\n";
        JsonNode done = Uploads.awaitEnd(admin,
                Uploads.start(admin, "people.csv", csv.getBytes(StandardCharsets.UTF_8), list, "DOUBLE_OPT_IN"));
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("imported").asLong()).isEqualTo(2);
        assertThat(done.get("updated").asLong()).isEqualTo(1);
        assertThat(done.get("unchanged").asLong()).isEqualTo(1);
        DevMailbox mailbox = DevMailbox.of(admin);
        for (String address : List.of(dora, emil)) {
            JsonNode mail = mailbox.awaitMail(address, "Please confirm");
            assertThat(DevMailbox.confirmationPath(mail)).startsWith("/c/");
            JsonNode card = onlyCard(address);
            assertThat(card.get("source").asText()).isEqualTo("IMPORT");
            assertThat(card.get("subscriptions").get(0).get("status").asText()).isEqualTo("PENDING");
        }
        assertThat(mailbox.mails(dora, "Please confirm")).hasSize(1);
    }

    @Test
    void aChunkThatFailsAgainAndAgainEndsTheImportFailedInsteadOfBeingTriedForEver() {
        // A fault only this account's rows meet: every attempt at the first chunk fails in the database.
        jdbc.sql("""
                create or replace function test_refuse_subscription() returns trigger language plpgsql as $$
                begin raise exception 'injected fault'; end $$""").update();
        jdbc.sql("create trigger test_refuse_subscription before insert on contacts_subscription for each row "
                + "when (new.account_id = '" + UUID.fromString(accountId) + "') "
                + "execute function test_refuse_subscription()").update();
        try {
            String first = address("first");
            String csv = "email\n" + first + "\n" + address("second") + "\n";
            String id = Uploads.start(admin, "people.csv", csv.getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
            JsonNode ended = Uploads.awaitEnd(admin, id);

            assertThat(ended.get("status").asText()).isEqualTo("FAILED");
            assertThat(ended.get("failure").asText()).startsWith("stopped after 5 failed attempts at row 1")
                    .doesNotContain("@");
            assertThat(ended.get("done").asLong()).isZero();
            assertThat(ended.get("imported").asLong() + ended.get("updated").asLong()
                    + ended.get("rejected").asLong()).isZero();
            assertThat(jdbc.sql("select count(*) from imports_upload_part where import_id = ?")
                    .param(UUID.fromString(id)).query(Long.class).single()).as("the file is gone").isZero();
            assertThat(admin.get("/api/contacts?email=" + first).json()).isEmpty();
        } finally {
            jdbc.sql("drop trigger test_refuse_subscription on contacts_subscription").update();
            jdbc.sql("drop function test_refuse_subscription()").update();
        }
    }

    @Test
    void anExcelWorkbookIsImportedLikeACsv() throws IOException {
        String fay = address("fay");
        String gus = address("gus");
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("contacts");
            row(sheet, 0, "Email", "firstName");
            row(sheet, 1, fay, "Fay");
            row(sheet, 2, "broken@", "Nope");
            row(sheet, 3, gus, "Gus");
            book.write(out);
            workbook = out.toByteArray();
        }
        JsonNode done = Uploads.awaitEnd(admin, Uploads.start(admin, "contacts.xlsx", workbook, list, "CONFIRMED"));
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("format").asText()).isEqualTo("XLSX");
        assertThat(done.get("rows").asLong()).isEqualTo(3);
        assertThat(done.get("imported").asLong()).isEqualTo(2);
        assertThat(done.get("rejected").asLong()).isEqualTo(1);
        assertThat(onlyCard(gus).get("fields").get("firstName").asText()).isEqualTo("Gus");
    }

    @Test
    void badRequestsAreRefusedClearlyAndWriteNothing() throws IOException {
        byte[] csv = ("email\n" + address("x") + "\n").getBytes(StandardCharsets.UTF_8);
        Answer nothing = Uploads.post(admin, null, null, null, null);
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.contentType()).startsWith("application/problem+json");
        assertThat(fields(nothing)).containsExactlyInAnyOrder("file", "list", "consent");
        Answer unknownList = Uploads.post(admin, "a.csv", csv, "no-such-list", "CONFIRMED");
        assertThat(unknownList.status()).isEqualTo(400);
        assertThat(fields(unknownList)).containsExactly("list");
        assertThat(fields(Uploads.post(admin, "a.csv", csv, list, "YES"))).containsExactly("consent");

        Answer pdf = Uploads.post(admin, "contacts.pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8), list, "CONFIRMED");
        assertThat(pdf.status()).isEqualTo(415);
        assertThat(pdf.contentType()).startsWith("application/problem+json");
        Answer fakeWorkbook = Uploads.post(admin, "contacts.xlsx", csv, list, "CONFIRMED");
        assertThat(fakeWorkbook.status()).isEqualTo(400);
        assertThat(fields(fakeWorkbook)).containsExactly("file");
        byte[] macro = dev.consentflow.imports.internal.Workbooks.macroWorkbook();
        assertThat(Uploads.post(admin, "contacts.xlsx", macro, list, "CONFIRMED").status()).isEqualTo(415);
        Answer unbalanced = Uploads.post(admin, "a.csv", "email,name\nx@example.dk,\"open\n".getBytes(
                StandardCharsets.UTF_8), list, "CONFIRMED");
        assertThat(unbalanced.status()).isEqualTo(400);
        assertThat(unbalanced.json().get("errors").get(0).get("message").asText()).contains("unbalanced quote");
        Answer badHeader = Uploads.post(admin, "a.csv", "email,first name\nx@example.dk,X\n".getBytes(
                StandardCharsets.UTF_8), list, "CONFIRMED");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(Uploads.post(admin, "a.csv", "name\nX\n".getBytes(StandardCharsets.UTF_8), list, "CONFIRMED")
                .status()).isEqualTo(400);
        Answer tooLarge = Uploads.post(admin, "big.csv", new byte[3 * 1024 * 1024], list, "CONFIRMED");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        Answer notMultipart = admin.post("/api/imports", Map.of("list", list, "consent", "CONFIRMED"));
        assertThat(notMultipart.status()).isEqualTo(415);

        Api compliance = TestAccounts.newKey(admin, "COMPLIANCE");
        assertThat(Uploads.post(compliance, "a.csv", csv, list, "CONFIRMED").status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from imports_import where account_id = ?")
                .param(UUID.fromString(accountId)).query(Long.class).single()).isZero();
    }

    @Test
    void anImportIsSeenOnlyInItsAccountAndByOperatorsWithoutAnyAddress() {
        String hid = address("hid");
        String id = Uploads.start(admin, "a.csv", ("email\n" + hid + "\nbad\n").getBytes(StandardCharsets.UTF_8),
                list, "CONFIRMED");
        Uploads.awaitEnd(admin, id);
        Api stranger = TestAccounts.newAccount(Api.at(port));
        assertThat(stranger.get("/api/imports/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/api/imports/" + id + "/rejections").status()).isEqualTo(404);
        Api operator = admin.as(Api.OPERATOR_KEY);
        Answer seen = operator.get("/api/imports/" + id + "?account=" + accountId);
        assertThat(seen.status()).isEqualTo(200);
        Answer rejections = operator.get("/api/imports/" + id + "/rejections?account=" + accountId);
        assertThat(rejections.json()).hasSize(1);
        assertThat(seen.body() + rejections.body()).doesNotContain(hid).doesNotContain("bad");
        assertThat(operator.get("/api/imports/" + id).status()).isEqualTo(400);
    }

    private static void row(XSSFSheet sheet, int index, String... values) {
        XSSFRow row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private String subscribeConfirmed(String email, Map<String, String> fields) {
        Answer answer = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "confirmed", true,
                "ip", "203.0.113.7", "at", "2026-11-01T10:00:00Z", "fields", fields));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("subscriberId").asText();
    }

    private JsonNode cards(String email) {
        Answer answer = admin.get("/api/contacts?email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode onlyCard(String email) {
        JsonNode cards = cards(email);
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }

    private List<String> auditOf(String subscriberId) {
        JsonNode audit = admin.get("/api/contacts/" + subscriberId + "/audit").json();
        return StreamSupport.stream(audit.spliterator(), false).map(e -> e.path("action").asText()).toList();
    }

    /** Chained and still waiting to be chained, in one statement: an entry moves from one to the other atomically. */
    private long auditEntries() {
        return jdbc.sql("""
                        select (select count(*) from consent_audit_entry where account_id = :account)
                             + (select count(*) from consent_audit_pending where account_id = :account)""")
                .param("account", UUID.fromString(accountId)).query(Long.class).single();
    }

    static String newList(Api api) {
        String key = "import-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/lists", Map.of("key", key, "name", "Imported")).status()).isEqualTo(201);
        return key;
    }

    static String address(String name) {
        return name + "-" + UUID.randomUUID() + "@example.dk";
    }
}
