package dev.consentflow.privacy.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A streaming Excel workbook (SXSSF: only a window of rows per sheet in memory, the rest in a compressed temporary
 * file) whose every cell is a number or an inline string, never a formula. Strings that look like a formula get
 * Excel's quote prefix, so they stay text even when someone edits the cell; characters XML cannot hold become
 * U+FFFD; values over 32,767 characters are cut with a marker. Each sheet says at its end what was replaced or
 * cut, and an "About" sheet explains the rules.
 */
final class ExportWorkbook implements AutoCloseable {

    /** Rows of a sheet kept in memory before they are flushed to the temporary file. */
    private static final int WINDOW = 100;
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final SXSSFWorkbook workbook;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle quoted;
    private final List<Sheet> sheets = new ArrayList<>();

    ExportWorkbook() {
        workbook = new SXSSFWorkbook(null, WINDOW, true, false);
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        text = workbook.createCellStyle();
        quoted = workbook.createCellStyle();
        quoted.setQuotePrefixed(true);
    }

    /** A new sheet with a bold header row; rows follow in order. */
    Sheet sheet(String name, String... columns) {
        Sheet sheet = new Sheet(name, columns);
        sheets.add(sheet);
        return sheet;
    }

    /** Writes the notes of every sheet and an "About" sheet, then the workbook, to the stream. */
    void write(OutputStream out) throws IOException {
        for (Sheet sheet : sheets) {
            sheet.notes();
        }
        Sheet about = new Sheet("About", "About this export");
        for (String line : ABOUT) {
            about.row(line);
        }
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.dispose();
        workbook.close();
    }

    private static final List<String> ABOUT = List.of(
            "Every cell holds a number or text, never a formula.",
            "Text that begins like a formula (=, +, -, @, a tab or a line break, also after spaces or quotes) is "
                    + "stored as text with Excel's quote prefix: it shows as written and stays text when edited.",
            "Characters that an Excel file cannot hold (control characters) are shown as \uFFFD.",
            "A cell holds at most 32,767 characters: a longer value is cut and ends with \"[cut: N characters in "
                    + "all; the JSON export holds the whole value]\".",
            "Times are UTC, in ISO 8601 (2026-11-29T10:00:00Z).");

    /** One sheet: rows in order; it continues on a sheet "<name> 2" when Excel's row limit is reached. */
    final class Sheet {

        private final String name;
        private final String[] columns;
        private SXSSFSheet current;
        private int part = 1;
        private int nextRow;
        private int cut;
        private int replaced;

        private Sheet(String name, String... columns) {
            this.name = name;
            this.columns = columns;
            start(name);
        }

        private void start(String sheetName) {
            current = workbook.createSheet(sheetName);
            nextRow = 0;
            var row = current.createRow(nextRow++);
            for (int i = 0; i < columns.length; i++) {
                var cell = row.createCell(i);
                cell.setCellValue(columns[i]);
                cell.setCellStyle(header);
            }
        }

        /** One row: strings, numbers, instants (as ISO text) and nulls (empty cells). */
        void row(Object... values) {
            if (nextRow >= MAX_ROWS) {
                start(name + " " + ++part);
            }
            var row = current.createRow(nextRow++);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    continue;
                }
                var cell = row.createCell(i);
                if (value instanceof Number number) {
                    cell.setCellValue(number.doubleValue());
                    continue;
                }
                String raw = value instanceof Instant instant ? instant.toString() : value.toString();
                String safe = ExportCells.xmlSafe(raw);
                if (safe != raw) {
                    replaced++;
                }
                String fitted = ExportCells.fitCell(safe);
                if (fitted != safe) {
                    cut++;
                }
                cell.setCellValue(fitted);
                cell.setCellStyle(ExportCells.looksLikeFormula(fitted) ? quoted : text);
            }
        }

        private void notes() {
            if (cut == 0 && replaced == 0) {
                return;
            }
            nextRow++;
            if (cut > 0) {
                row("Note: " + cut + " value(s) held more than Excel's 32,767 characters per cell and were cut; "
                        + "each ends with a [cut: …] marker. The JSON export holds them whole.");
            }
            if (replaced > 0) {
                row("Note: " + replaced + " value(s) held characters an Excel file cannot store (control "
                        + "characters); each such character is shown as \uFFFD. The JSON export holds them as they are.");
            }
        }
    }
}
