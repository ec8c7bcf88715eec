package dev.consentflow.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks built in the test, good and hostile, read the way an import reads them. */
class XlsxReaderTest {

    private static final String SHEET = "xl/worksheets/sheet1.xml";

    @TempDir
    Path dir;

    @Test
    void theFirstSheetIsReadRowByRowWithMissingCellsEmpty() throws IOException {
        CollectedRows rows = read(write(Workbooks.workbook()));
        assertThat(rows.header).containsExactly("email", "mobile", "firstName");
        assertThat(rows.rows).hasSize(2);
        assertThat(rows.rows.get(0).cells()).containsExactly("anna@example.dk", "+4512345678", "Anna");
        assertThat(rows.rows.get(1).cells()).containsExactly("bo@example.dk", null, "Bo");
        assertThat(rows.rows).extracting(CollectedRows.Row::number).containsExactly(1L, 2L);
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        String sheet = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>email</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>";
        Path file = write(Workbooks.replaced(Workbooks.workbook(), Map.of(SHEET, sheet)));
        assertThatThrownBy(() -> read(file)).isInstanceOf(FileProblem.class)
                .hasMessageNotContaining("top secret");
    }

    @Test
    void entityExpansionIsRefused() throws IOException {
        StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"")
                    .append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String sheet = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [" + entities + "]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&a9;</t></is></c></row></sheetData></worksheet>";
        Path file = write(Workbooks.replaced(Workbooks.workbook(), Map.of(SHEET, sheet)));
        assertThatThrownBy(() -> read(file)).isInstanceOf(FileProblem.class);
    }

    @Test
    void aZipBombIsRefused() throws IOException {
        String sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                + "main\"><sheetData>" + " ".repeat(30 * 1024 * 1024) + "</sheetData></worksheet>";
        Path file = write(Workbooks.replaced(Workbooks.workbook(), Map.of(SHEET, sheet)));
        assertThatThrownBy(() -> read(file)).isInstanceOf(FileProblem.class).hasMessageContaining("zip bomb");
    }

    @Test
    void aMacroWorkbookRenamedToXlsxIsRefusedAsUnsupported() throws IOException {
        Path file = write(Workbooks.macroWorkbook());
        assertThatThrownBy(() -> read(file)).isInstanceOf(UnsupportedFile.class).hasMessageContaining("Macro");
    }

    @Test
    void aFileThatIsNotAZipIsNotAWorkbook() throws IOException {
        Path file = dir.resolve("list.xlsx");
        Files.writeString(file, "email\nanna@example.dk\n");
        assertThatThrownBy(() -> ImportFormat.of("list.xlsx", file)).isInstanceOf(FileProblem.class)
                .isNotInstanceOf(UnsupportedFile.class);
        assertThatThrownBy(() -> read(file)).isInstanceOf(FileProblem.class);
    }

    @Test
    void aZipSlipEntryNameIsNeverWrittenAnywhere() throws IOException {
        Path file = write(Workbooks.replaced(Workbooks.workbook(), Map.of("../../../evil.txt", "owned")));
        try {
            read(file);
        } catch (FileProblem refused) {
            // refusing the file is as good as ignoring the entry
        }
        assertThat(dir.getParent().getParent().resolve("evil.txt")).doesNotExist();
        assertThat(Path.of("evil.txt")).doesNotExist();
    }

    @Test
    void theFormatFollowsTheNameAndOtherNamesAreUnsupported() throws IOException {
        Path xlsx = write(Workbooks.workbook());
        assertThat(ImportFormat.of("List.XLSX", xlsx)).isEqualTo(ImportFormat.XLSX);
        assertThatThrownBy(() -> ImportFormat.of("list.csv", xlsx)).isInstanceOf(UnsupportedFile.class);
        assertThatThrownBy(() -> ImportFormat.of("list.xls", xlsx)).isInstanceOf(UnsupportedFile.class);
        assertThatThrownBy(() -> ImportFormat.of("list.xlsm", xlsx)).isInstanceOf(UnsupportedFile.class);
    }

    private CollectedRows read(Path file) {
        CollectedRows rows = new CollectedRows();
        XlsxReader.read(file.toFile(), rows);
        return rows;
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "import", ".xlsx");
        Files.write(file, bytes);
        return file;
    }

}
