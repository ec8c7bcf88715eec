package dev.consentflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactEvents;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Api.Download;
import dev.consentflow.support.TestAccounts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A person's export and an account's own list and account exports, through HTTP on the whole server. */
@IntegrationTest
class ExportIT {

    static final Map<String, String> HOSTILE = Map.of(
            "formula", "=HYPERLINK(\"http://evil.example\",\"click\")",
            "plus", "+1+1",
            "minus", "-2+3",
            "at", "@SUM(A1:A9)",
            "quoted", "\"=1+1",
            "spaced", "'  =1+1",
            "firstName", "Anna");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContactEvents events;

    Api admin;
    String list;

    @BeforeEach
    void account() {
        admin = TestAccounts.newAccount(Api.at(port));
        list = "news-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "News")).status()).isEqualTo(201);
    }

    @Test
    void aPersonsJsonExportHoldsTheWholeCardAndTheAuditTrail() {
        String id = subscribe("anna@example.dk", HOSTILE);
        admin.patch("/api/contacts/" + id, Map.of("mobile", "+4512345678"));
        JsonNode card = admin.get("/api/contacts/" + id).json();

        Download download = admin.download("/api/contacts/" + id + "/export?format=json");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/json");
        assertThat(download.header("Content-Disposition")).startsWith("attachment; filename=\"contact-" + id);
        JsonNode export = download.json();
        for (String key : List.of("subscriberId", "email", "mobile", "permission", "source", "mailRating",
                "erasedAt", "fields")) {
            assertThat(export.get(key)).as(key).isEqualTo(card.get(key));
        }
        JsonNode subscription = export.get("subscriptions").get(0);
        for (String key : List.of("list", "channel", "status", "subscribedAt", "subscribeIp", "confirmedAt",
                "confirmIp")) {
            assertThat(subscription.get(key)).as(key).isEqualTo(card.get("subscriptions").get(0).get(key));
        }
        assertThat(subscription.get("consentText").asText()).isEqualTo("I agree to the newsletter");
        assertThat(subscription.get("integration").asText()).startsWith("admin:");
        assertThat(export.get("events").findValuesAsText("type")).contains("UPDATE");
        assertThat(export.get("audit").findValuesAsText("action")).contains("SUBSCRIBED", "CONFIRMED", "UPDATED",
                "EXPORTED");
        assertThat(admin.get("/api/contacts/" + id + "/audit").json().findValuesAsText("action"))
                .contains("EXPORTED");
    }

    @Test
    void aPersonsWorkbookKeepsFormulaPayloadsAsText() throws IOException {
        String id = subscribe("bert@example.dk", HOSTILE);

        Download download = admin.download("/api/contacts/" + id + "/export?format=xlsx");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            assertThat(names(workbook)).containsExactly("Card", "Fields", "Subscriptions", "Events", "Messages",
                    "Audit", "About");
            assertEveryCellTypedNeverFormula(workbook);
            Sheet card = workbook.getSheet("Card");
            assertThat(row(card, "Email").getCell(1).getStringCellValue()).isEqualTo("bert@example.dk");
            Sheet fields = workbook.getSheet("Fields");
            for (var field : HOSTILE.entrySet()) {
                Cell cell = row(fields, field.getKey()).getCell(1);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(field.getValue());
                assertThat(cell.getCellStyle().getQuotePrefixed()).as(field.getKey())
                        .isEqualTo(!field.getKey().equals("firstName"));
            }
            Row subscription = workbook.getSheet("Subscriptions").getRow(1);
            assertThat(subscription.getCell(0).getStringCellValue()).isEqualTo(list);
            assertThat(subscription.getCell(5).getStringCellValue()).isEqualTo("203.0.113.7");
            assertThat(workbook.getSheet("Audit").getLastRowNum()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void anEventTooLongForACellIsCutWithAMarkerInTheWorkbookAndWholeInTheJson() throws IOException {
        String id = subscribe("eve@example.dk", Map.of());
        String huge = "=" + "y".repeat(40_000);
        events.record(AccountId.of(TestAccounts.accountId(admin)), new SubscriberId(UUID.fromString(id)),
                new BehaviourEvent(EventType.CLICK, null, "c-1", Map.of("url", huge, "note", "a\u0000b")));

        Download xlsx = admin.download("/api/contacts/" + id + "/export?format=xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertEveryCellTypedNeverFormula(workbook);
            Sheet sheet = workbook.getSheet("Events");
            Cell details = sheet.getRow(1).getCell(3);
            assertThat(details.getStringCellValue()).hasSize(32_767).endsWith("the JSON export holds the whole value]");
            assertThat(sheet.getRow(sheet.getLastRowNum()).getCell(0).getStringCellValue())
                    .startsWith("Note: 1 value(s) held more than Excel's 32,767 characters");
        }
        JsonNode json = admin.download("/api/contacts/" + id + "/export?format=json").json();
        assertThat(json.get("events").get(0).get("details").get("url").asText()).isEqualTo(huge);
    }

    @Test
    void aTombstoneExportsOnlyWhatErasureKept() {
        String id = subscribe("carl@example.dk", Map.of("firstName", "Carl"));
        eraseThroughTheApi(id);

        JsonNode export = admin.download("/api/contacts/" + id + "/export?format=json").json();

        assertThat(export.get("permission").asText()).isEqualTo("DELETED");
        assertThat(export.has("email")).isFalse();
        assertThat(export.has("fields")).isFalse();
        assertThat(export.has("events")).isFalse();
        assertThat(export.toString()).doesNotContain("carl@example.dk", "Carl", "I agree");
        assertThat(export.get("subscriptions").get(0).get("subscribeIp").asText()).isEqualTo("203.0.113.7");
    }

    @Test
    void personExportsRefuseOtherRolesForeignIdsAndUnknownFormats() {
        String id = subscribe("dora@example.dk", Map.of());
        Api other = TestAccounts.newAccount(Api.at(port));

        assertProblem(admin.as(Api.OPERATOR_KEY).get("/api/contacts/" + id + "/export?format=json"), 403);
        assertProblem(TestAccounts.newKey(admin, "MARKETER").get("/api/contacts/" + id + "/export?format=json"), 403);
        assertProblem(other.get("/api/contacts/" + id + "/export?format=json"), 404);
        assertProblem(admin.get("/api/contacts/" + UUID.randomUUID() + "/export?format=json"), 404);
        assertProblem(admin.get("/api/contacts/" + id + "/export?format=pdf"), 400);
        assertProblem(admin.get("/api/contacts/" + id + "/export?format=csv"), 400);
        assertProblem(admin.get("/api/contacts/" + id + "/export"), 400);
        assertThat(TestAccounts.newKey(admin, "COMPLIANCE").download("/api/contacts/" + id + "/export?format=xlsx")
                .status()).isEqualTo(200);
        assertThat(admin.get("/api/contacts/" + id + "/audit").json().findValuesAsText("action")
                .stream().filter("EXPORTED"::equals).count()).isEqualTo(1);
    }

    @Test
    void aListExportHasARowPerLiveContactWithTheConsentEvidenceInEveryFormat() throws IOException {
        String anna = subscribe("anna@example.dk", Map.of("firstName", "=1+1"));
        String bert = subscribe("bert@example.dk", Map.of("city", "Aarhus"));
        String erased = subscribe("erased@example.dk", Map.of("firstName", "Gone"));
        eraseThroughTheApi(erased);

        Download csv = admin.download("/api/lists/" + list + "/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("\uFEFF\"subscriberId\",\"email\"")
                .contains("\"subscribedAt\",\"subscribeIp\"", "\"confirmedAt\",\"confirmIp\"")
                .endsWith("\"field:city\",\"field:firstName\"");
        assertThat(csv.text()).contains(anna, bert, "\"'=1+1\"", "\"203.0.113.7\"", "\"I agree to the newsletter\"")
                .doesNotContain(erased, "Gone");

        JsonNode json = admin.download("/api/lists/" + list + "/export?format=json").json();
        assertThat(json.findValuesAsText("subscriberId")).containsExactly(anna, bert);
        assertThat(json.get(0).get("fields").get("firstName").asText()).isEqualTo("=1+1");
        assertThat(json.get(0).get("list").asText()).isEqualTo(list);
        assertThat(json.get(1).get("subscribeIp").asText()).isEqualTo("203.0.113.7");

        Download xlsx = admin.download("/api/lists/" + list + "/export?format=xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertEveryCellTypedNeverFormula(workbook);
            Sheet contacts = workbook.getSheet("Contacts");
            assertThat(contacts.getLastRowNum()).isEqualTo(2);
            assertThat(contacts.getRow(1).getCell(0).getStringCellValue()).isEqualTo(anna);
        }
        assertThat(admin.get("/api/audit?action=EXPORTED").json().findValuesAsText("scope"))
                .containsExactly("list", "list", "list");
    }

    @Test
    void anAccountExportHasEverySubscriptionOfEveryLiveContact() {
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/lists", Map.of("key", other, "name", "Other"));
        String anna = subscribe("anna@example.dk", Map.of());
        Map<String, Object> second = new LinkedHashMap<>(body("anna@example.dk", Map.of()));
        second.put("list", other);
        assertThat(admin.post("/api/subscriptions", second).status()).isEqualTo(201);
        String bert = subscribe("bert@example.dk", Map.of());

        JsonNode json = admin.download("/api/exports/account?format=json").json();

        assertThat(json.findValuesAsText("subscriberId")).containsExactly(anna, anna, bert);
        assertThat(json.findValuesAsText("list")).containsExactly(list, other, list);
    }

    @Test
    void tableExportsAreForTheAccountsAdminOnly() {
        subscribe("anna@example.dk", Map.of());
        assertProblem(admin.get("/api/lists/no-such-list/export?format=csv"), 404);
        assertProblem(admin.get("/api/lists/" + list + "/export?format=ods"), 400);
        assertProblem(admin.get("/api/exports/account?format=xml"), 400);
        assertProblem(TestAccounts.newKey(admin, "MARKETER").get("/api/lists/" + list + "/export?format=csv"), 403);
        assertProblem(TestAccounts.newKey(admin, "COMPLIANCE").get("/api/exports/account?format=csv"), 403);
        assertProblem(admin.as(Api.OPERATOR_KEY).get("/api/lists/" + list + "/export?format=csv"), 403);
        assertProblem(admin.as(Api.OPERATOR_KEY).get("/api/exports/account?format=csv"), 403);
        Api other = TestAccounts.newAccount(Api.at(port));
        assertProblem(other.get("/api/lists/" + list + "/export?format=csv"), 404);
    }

    private String subscribe(String email, Map<String, String> fields) {
        Answer answer = admin.post("/api/subscriptions", body(email, fields));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("subscriberId").asText();
    }

    private Map<String, Object> body(String email, Map<String, String> fields) {
        return Map.of("email", email, "list", list, "fields", fields, "confirmed", true, "ip", "203.0.113.7",
                "at", "2025-11-29T10:00:00Z", "consentText", "I agree to the newsletter");
    }

    static void assertEveryCellTypedNeverFormula(XSSFWorkbook workbook) {
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as(sheet.getSheetName() + "!" + cell.getAddress())
                            .isIn(CellType.STRING, CellType.NUMERIC);
                }
            }
        }
    }

    private static List<String> names(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    private static Row row(Sheet sheet, String key) {
        for (Iterator<Row> rows = sheet.rowIterator(); rows.hasNext(); ) {
            Row row = rows.next();
            if (row.getCell(0) != null && key.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key);
    }

    static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private void eraseThroughTheApi(String subscriberId) {
        assertThat(admin.post("/api/contacts/" + subscriberId + "/erase", Map.of("reason", "asked")).status())
                .isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "DELETED".equals(
                admin.get("/api/contacts/" + subscriberId).json().get("permission").asText()));
    }
}
