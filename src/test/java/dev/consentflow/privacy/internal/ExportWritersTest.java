package dev.consentflow.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.ContactExports.ContactRow;
import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.PersonCard;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionEvidence;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.dispatch.Channel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The export files with hostile values, read back as a spreadsheet program and a JSON parser would. */
class ExportWritersTest {

    static final List<String> FORMULAS = List.of("=1+1", "+4512345678", "-2+3", "@SUM(A1:A2)",
            "\t=cmd|' /C calc'!A0", "\r=1+1", "  =HYPERLINK(\"http://evil.example\")", "\"=1+1", "'=1+1",
            "=cmd|' /C notepad'!'A1'", "\uFF1D1+1");
    static final String LONG = "x".repeat(40_000);
    static final String CONTROLS = "a\u0000b\u0001c\u000Bd\u001Fe\uFFFEf";

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Instant at = Instant.parse("2026-11-29T10:00:00Z");
    private final SubscriberId id = new SubscriberId(UUID.randomUUID());

    @Test
    void formulaPayloadsAreRecognisedAlsoAfterSpacesAndQuotes() {
        for (String formula : FORMULAS) {
            assertThat(ExportCells.looksLikeFormula(formula)).as(formula).isTrue();
        }
        for (String plain : List.of("Anna", "anna@example.dk", "1 + 1", "", "  ", "a=b", "Ærø")) {
            assertThat(ExportCells.looksLikeFormula(plain)).as(plain).isFalse();
        }
    }

    @Test
    void csvFieldsAreQuotedAndFormulasPrefixedWithAQuote() {
        assertThat(ExportCells.csv("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(ExportCells.csv("  =1+1")).isEqualTo("\"'  =1+1\"");
        assertThat(ExportCells.csv("say \"hi\", ok")).isEqualTo("\"say \"\"hi\"\", ok\"");
        assertThat(ExportCells.csv("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
        assertThat(ExportCells.csv(null)).isEmpty();
    }

    @Test
    void charactersXmlCannotHoldAreReplacedAndLongValuesCutWithAMarker() {
        assertThat(ExportCells.xmlSafe(CONTROLS)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
        assertThat(ExportCells.xmlSafe("tab\tcr\rlf\n😀")).isEqualTo("tab\tcr\rlf\n😀");
        assertThat(ExportCells.xmlSafe("lone \uD800 surrogate")).isEqualTo("lone \uFFFD surrogate");
        String cut = ExportCells.fitCell(LONG);
        assertThat(cut).hasSize(ExportCells.MAX_CELL).endsWith(ExportCells.cutMarker(40_000)).startsWith("xxxx");
        assertThat(ExportCells.fitCell("short")).isEqualTo("short");
    }

    @Test
    void aPersonsWorkbookHasAReadableSheetPerPartWithEveryCellTypedAndNoFormula() throws IOException {
        Map<String, String> fields = new TreeMap<>();
        fields.put("firstName", "Anna");
        for (int i = 0; i < FORMULAS.size(); i++) {
            fields.put("hostile" + i, FORMULAS.get(i));
        }
        fields.put("long", LONG);
        fields.put("controls", CONTROLS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PersonExportXlsx writer = new PersonExportXlsx(mapper, out)) {
            write(writer, fields);
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(sheetNames(workbook)).containsExactly("Card", "Fields", "Subscriptions", "Events", "Messages",
                    "Audit", "About");
            assertNoFormulaAnywhere(workbook);

            Sheet card = workbook.getSheet("Card");
            assertThat(texts(card.getRow(0))).containsExactly("Field", "Value");
            assertThat(card.getRow(0).getCell(0).getCellStyle().getFontIndex()).isNotZero();
            assertThat(valueOf(card, "Subscriber id")).isEqualTo(id.toString());
            assertThat(valueOf(card, "Email")).isEqualTo("anna@example.dk");
            assertThat(valueOf(card, "Mobile")).isEqualTo("+4512345678");
            assertThat(cellOf(card, "Mobile").getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(cellOf(card, "MailRating").getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cellOf(card, "MailRating").getNumericCellValue()).isEqualTo(3.0);

            Sheet sheet = workbook.getSheet("Fields");
            for (int i = 0; i < FORMULAS.size(); i++) {
                Cell cell = cellOf(sheet, "hostile" + i);
                assertThat(cell.getCellType()).as(FORMULAS.get(i)).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(FORMULAS.get(i));
                assertThat(cell.getCellStyle().getQuotePrefixed()).as(FORMULAS.get(i)).isTrue();
            }
            assertThat(cellOf(sheet, "firstName").getCellStyle().getQuotePrefixed()).isFalse();
            String cut = valueOf(sheet, "long");
            assertThat(cut).hasSize(ExportCells.MAX_CELL).endsWith(ExportCells.cutMarker(LONG.length()));
            assertThat(valueOf(sheet, "controls")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
            assertThat(allTexts(sheet)).anyMatch(t -> t.startsWith("Note: 1 value(s) held more than Excel's"))
                    .anyMatch(t -> t.startsWith("Note: 1 value(s) held characters an Excel file cannot store"));

            Sheet subscriptions = workbook.getSheet("Subscriptions");
            assertThat(texts(subscriptions.getRow(0))).startsWith("List", "Channel", "Status", "Source",
                    "Subscribed at", "Subscribe IP");
            Row subscription = subscriptions.getRow(1);
            assertThat(subscription.getCell(0).getStringCellValue()).isEqualTo("news");
            assertThat(subscription.getCell(4).getStringCellValue()).isEqualTo("2026-11-29T10:00:00Z");
            assertThat(subscription.getCell(5).getStringCellValue()).isEqualTo("203.0.113.7");
            assertThat(subscription.getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(subscription.getCell(10).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
            assertThat(subscription.getCell(10).getCellStyle().getQuotePrefixed()).isTrue();

            Row event = workbook.getSheet("Events").getRow(1);
            assertThat(event.getCell(0).getStringCellValue()).isEqualTo("CLICK");
            assertThat(mapper.readTree(event.getCell(3).getStringCellValue()).get("url").asText())
                    .isEqualTo("=1+1");

            Row audit = workbook.getSheet("Audit").getRow(1);
            assertThat(audit.getCell(0).getNumericCellValue()).isEqualTo(7.0);
            assertThat(audit.getCell(2).getStringCellValue()).isEqualTo("CONFIRMED");
        }
    }

    @Test
    void aPersonsJsonParsesBackWithEveryValueWhole() throws IOException {
        Map<String, String> fields = new TreeMap<>(Map.of("firstName", "=1+1", "long", LONG, "controls", CONTROLS));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PersonExportJson writer = new PersonExportJson(mapper, out)) {
            write(writer, fields);
        }

        JsonNode json = mapper.readTree(out.toByteArray());
        assertThat(json.get("subscriberId").asText()).isEqualTo(id.toString());
        assertThat(json.get("email").asText()).isEqualTo("anna@example.dk");
        assertThat(json.get("fields").get("firstName").asText()).isEqualTo("=1+1");
        assertThat(json.get("fields").get("long").asText()).isEqualTo(LONG);
        assertThat(json.get("fields").get("controls").asText()).isEqualTo(CONTROLS);
        assertThat(json.get("subscriptions").get(0).get("consentText").asText()).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(json.get("events").get(0).get("details").get("url").asText()).isEqualTo("=1+1");
        assertThat(json.get("audit").get(0).get("seq").asLong()).isEqualTo(7);
    }

    @Test
    void aTombstoneExportsOnlyWhatErasureKeeps() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PersonExportJson writer = new PersonExportJson(mapper, out)) {
            writer.card(new PersonCard(id, null, null, Permission.DELETED, Source.API, 3, at, at, at, Map.of()));
            writer.subscription(evidence().kept());
            writer.finish();
        }
        JsonNode json = mapper.readTree(out.toByteArray());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("exportedAt", "subscriberId", "permission", "erasedAt", "subscriptions",
                "messages", "audit");
        List<String> subscriptionKeys = new ArrayList<>();
        json.get("subscriptions").get(0).fieldNames().forEachRemaining(subscriptionKeys::add);
        assertThat(subscriptionKeys).containsExactly("list", "status", "subscribedAt", "subscribeIp", "confirmedAt",
                "confirmIp");
    }

    @Test
    void aCsvTableQuotesEveryFieldAndDefusesFormulas() throws IOException {
        var columns = ExportColumns.with(List.of("firstName"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportTableWriter writer = ExportTableWriter.of(ExportFormat.CSV, columns, mapper, out)) {
            writer.row(new ContactRow(card(Map.of("firstName", "=1+1")), evidence()));
            writer.finish();
        }
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"subscriberId\",\"email\",\"mobile\"");
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).endsWith(",\"field:firstName\"");
        assertThat(lines[1]).contains("\"anna@example.dk\"", "\"'+4512345678\"", ",3,", "\"'=HYPERLINK(\"\"x\"\")\"")
                .endsWith(",\"'=1+1\"");
    }

    @Test
    void anXlsxTableHasOneRowPerContactWithTypedCells() throws IOException {
        var columns = ExportColumns.with(List.of("firstName"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportTableWriter writer = ExportTableWriter.of(ExportFormat.XLSX, columns, mapper, out)) {
            for (int i = 0; i < 250; i++) {
                writer.row(new ContactRow(card(Map.of("firstName", "@" + i)), i % 2 == 0 ? evidence() : null));
            }
            writer.finish();
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertNoFormulaAnywhere(workbook);
            Sheet contacts = workbook.getSheet("Contacts");
            assertThat(contacts.getLastRowNum()).isEqualTo(250);
            assertThat(texts(contacts.getRow(0))).hasSize(columns.size()).startsWith("subscriberId", "email");
            Row last = contacts.getRow(250);
            assertThat(last.getCell(columns.size() - 1).getStringCellValue()).isEqualTo("@249");
            assertThat(last.getCell(columns.size() - 1).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(last.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
        }
    }

    private void write(PersonExportWriter writer, Map<String, String> fields) throws IOException {
        writer.card(card(fields));
        writer.subscription(evidence());
        writer.event(new BehaviourEvent(EventType.CLICK, at, "c-1", Map.of("url", "=1+1")));
        writer.audit(new AuditRecord(7, at, id.value(), "CONFIRMED", "person", Map.of("list", "news"), null,
                "ab", "cd"));
        writer.finish();
    }

    private PersonCard card(Map<String, String> fields) {
        return new PersonCard(id, "anna@example.dk", "+4512345678", Permission.CONFIRMED, Source.API, 3, at, at, null,
                fields);
    }

    private SubscriptionEvidence evidence() {
        return new SubscriptionEvidence("news", Channel.EMAIL, SubscriptionStatus.CONFIRMED, Source.WEBFORM, at,
                "203.0.113.7", "Mozilla/5.0", "news-signup", 2, null, "=HYPERLINK(\"x\")", at, "203.0.113.8",
                "Mozilla/5.0", null, null);
    }

    static void assertNoFormulaAnywhere(XSSFWorkbook workbook) {
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as(sheet.getSheetName() + "!" + cell.getAddress())
                            .isIn(CellType.STRING, CellType.NUMERIC);
                }
            }
        }
    }

    static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(c.getStringCellValue()));
        return texts;
    }

    static List<String> allTexts(Sheet sheet) {
        List<String> texts = new ArrayList<>();
        sheet.forEach(row -> row.forEach(c -> {
            if (c.getCellType() == CellType.STRING) {
                texts.add(c.getStringCellValue());
            }
        }));
        return texts;
    }

    static Cell cellOf(Sheet sheet, String key) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(key)) {
                return row.getCell(1);
            }
        }
        throw new AssertionError("no row " + key + " in " + sheet.getSheetName());
    }

    static String valueOf(Sheet sheet, String key) {
        return cellOf(sheet, key).getStringCellValue();
    }
}
