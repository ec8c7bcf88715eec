package dev.consentflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Api.Download;
import dev.consentflow.support.TestAccounts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The record of processing (GDPR Art. 30) of an account with two brands and three lists, as a compliance officer
 * reads it through the API and keeps it as an Excel file: it follows what the account set up and holds.
 */
@IntegrationTest
class RecordOfProcessingIT {

    private static final String RECORD = "/api/accounts/current/record-of-processing";

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void accountWithTwoBrandsAndThreeLists() {
        admin = TestAccounts.newAccount(Api.at(port));
        Answer brand = admin.post("/api/brands", Map.of("key", "acme", "name", "Acme News",
                "controller", Map.of("name", "Acme ApS", "address", "Havnegade 1, 1058 København K",
                        "email", "dpo@acme.example"), "privacyUrl", "https://acme.example/privacy"));
        assertThat(brand.status()).as(brand.body()).isEqualTo(201);
        list("news", "Acme News", "acme");
        list("offers", "Acme Offers", "acme");
        list("club", "Bistro Club", "bistro");
        subscribe("anna-" + UUID.randomUUID() + "@example.dk", "news", Map.of("firstName", "Anna", "city", "Aarhus"),
                "Yes, send me Acme News about once a month");
        subscribe("bo-" + UUID.randomUUID() + "@example.dk", "news", Map.of("firstName", "Bo"),
                "Yes, send me Acme News about once a month");
        subscribe("cai-" + UUID.randomUUID() + "@example.dk", "club", Map.of(), "=Join the club");
    }

    @Test
    void theRecordNamesEveryPurposeTheFieldsInUseTheRecipientsTheRetentionAndTheMeasuresInForce() {
        assertThat(admin.put("/api/erasure-settings", Map.of("approvalRequired", true)).status()).isEqualTo(200);

        Answer answer = admin.get(RECORD);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode record = answer.json();
        assertThat(record.at("/account/id").asText()).isEqualTo(TestAccounts.accountId(admin));
        assertThat(texts(record.get("controllers"), "brand")).containsExactlyInAnyOrder("acme", "bistro");
        JsonNode acme = find(record.get("controllers"), "brand", "acme");
        assertThat(acme.get("name").asText()).isEqualTo("Acme ApS");
        assertThat(acme.get("dataProtectionContact").asText()).isEqualTo("dpo@acme.example");
        assertThat(acme.get("privacyPolicyUrl").asText()).isEqualTo("https://acme.example/privacy");
        assertThat(find(record.get("controllers"), "brand", "bistro").get("name").asText())
                .as("a brand key without a record: the account itself").startsWith("test-");
        assertThat(texts(record.get("activities"), "list")).containsExactly("club", "news", "offers");
        JsonNode news = activity(record, "news");
        assertThat(news.get("purpose").asText()).contains("\"Acme News\"", "email");
        assertThat(news.get("legalBasis").asText()).contains("Art. 6(1)(a)");
        assertThat(news.at("/subscriptions/CONFIRMED").asLong()).isEqualTo(2);
        assertThat(news.at("/subscriptions/PENDING").asLong()).isZero();
        assertThat(news.at("/consentTexts/0/text").asText()).isEqualTo("Yes, send me Acme News about once a month");
        assertThat(news.at("/consentTexts/0/subscriptions").asLong()).isEqualTo(2);
        assertThat(activity(record, "offers").at("/subscriptions/CONFIRMED").asLong()).isZero();
        assertThat(category(record, "CUSTOM_FIELDS").get("items")).extracting(JsonNode::asText)
                .containsExactly("city (1 card)", "firstName (2 cards)");
        assertThat(texts(record.get("recipients"), "code")).contains("DEV_MAIL", "DEV_SMS");
        assertThat(texts(record.get("retention"), "code"))
                .contains("UNCONFIRMED_SIGNUPS", "TOMBSTONES", "MESSAGE_CONTENT", "DISPATCH_LEDGER",
                        "PROCESS_HISTORY");
        assertThat(retention(record, "UNCONFIRMED_SIGNUPS").get("period").asText()).isEqualTo("P7D");
        assertThat(retention(record, "DISPATCH_LEDGER").get("period").asText()).isEqualTo("P30D");
        assertThat(measure(record, "FOUR_EYES_ERASURE").get("inForce").asBoolean()).isTrue();
        assertThat(measure(record, "ENCRYPTION_AT_REST").get("inForce").asBoolean()).isTrue();
        assertThat(measure(record, "TRANSPORT_ENCRYPTION").get("inForce").asBoolean())
                .as("the dev mail server inside the server encrypts nothing, so nothing claims it").isFalse();
        assertThat(retention(record, "PROCESS_HISTORY").get("about").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("anna-", "Aarhus");

        assertThat(admin.put("/api/erasure-settings", Map.of("approvalRequired", false)).status()).isEqualTo(200);
        assertThat(measure(admin.get(RECORD).json(), "FOUR_EYES_ERASURE").get("inForce").asBoolean()).isFalse();
    }

    @Test
    void anOperatorsApprovedExportMakesTheOperatorARecipient() {
        Api operator = admin.as(Api.OPERATOR_KEY);
        String id = operator.post("/api/export-requests", Map.of("account", TestAccounts.accountId(admin),
                "list", "news", "format", "csv")).json().get("id").asText();
        assertThat(texts(admin.get(RECORD).json().get("recipients"), "code")).doesNotContain("OPERATOR_EXPORT");

        assertThat(admin.post("/api/export-requests/" + id + "/approve", Map.of()).status()).isEqualTo(200);

        JsonNode recipient = find(admin.get(RECORD).json().get("recipients"), "code", "OPERATOR_EXPORT");
        assertThat(recipient.get("detail").asText()).contains("list news", "downloads: 0");
    }

    @Test
    void theExcelFileHoldsASheetPerPartWithFormulasKeptAsText() throws IOException {
        Download file = admin.download(RECORD + "?format=xlsx");

        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).contains("record-of-processing-", ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsSubsequence("Record", "Controllers", "Purposes", "Consent texts",
                    "Data categories", "Recipients", "Retention", "Security");
            assertThat(rows(workbook.getSheet("Purposes"))).hasSize(4);
            Row club = workbook.getSheet("Consent texts").getRow(1);
            assertThat(club.getCell(1).getStringCellValue()).isEqualTo("=Join the club");
            assertThat(club.getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
        }
        Download json = admin.download(RECORD + "?format=json");
        assertThat(json.header("Content-Disposition")).contains(".json");
        assertThat(new String(json.body())).contains("\"activities\"");
    }

    @Test
    void onlyAdminsAndComplianceOfficersReadItAndAnUnknownFormatIsRefused() {
        assertThat(TestAccounts.newKey(admin, "MARKETER").get(RECORD).status()).isEqualTo(403);
        assertThat(TestAccounts.newKey(admin, "COMPLIANCE").get(RECORD).status()).isEqualTo(200);
        assertThat(admin.as(Api.OPERATOR_KEY).get(RECORD).status()).isEqualTo(403);
        Answer csv = admin.get(RECORD + "?format=csv");
        assertThat(csv.status()).isEqualTo(400);
        assertThat(csv.json().at("/errors/0/field").asText()).isEqualTo("format");
    }

    private void list(String key, String name, String brand) {
        Answer created = admin.post("/api/lists", Map.of("key", key, "name", name, "brand", brand));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private void subscribe(String email, String list, Map<String, String> fields, String consentText) {
        Answer answer = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "fields", fields,
                "confirmed", true, "ip", "203.0.113.7", "at", "2025-11-29T10:00:00Z", "consentText", consentText));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static List<Row> rows(Sheet sheet) {
        List<Row> rows = new ArrayList<>();
        sheet.forEach(rows::add);
        return rows;
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> value.equals(n.get(field).asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + array));
    }

    private static JsonNode activity(JsonNode record, String list) {
        return find(record.get("activities"), "list", list);
    }

    private static JsonNode category(JsonNode record, String code) {
        return find(record.get("categories"), "code", code);
    }

    private static JsonNode retention(JsonNode record, String code) {
        return find(record.get("retention"), "code", code);
    }

    private static JsonNode measure(JsonNode record, String code) {
        return find(record.get("security"), "code", code);
    }
}
