package dev.consentflow.imports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Workbooks for tests, good and hostile, built in memory. */
public final class Workbooks {

    private Workbooks() {
    }

    public static byte[] workbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("contacts");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("email");
            header.createCell(1).setCellValue("mobile");
            header.createCell(2).setCellValue("firstName");
            XSSFRow anna = sheet.createRow(1);
            anna.createCell(0).setCellValue("anna@example.dk");
            anna.createCell(1).setCellValue("+4512345678");
            anna.createCell(2).setCellValue("Anna");
            sheet.createRow(2);
            XSSFRow bo = sheet.createRow(3);
            bo.createCell(0).setCellValue("bo@example.dk");
            bo.createCell(2).setCellValue("Bo");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** The workbook with entries replaced or added. */
    public static byte[] replaced(byte[] zip, Map<String, String> changes) throws IOException {
        Map<String, byte[]> entries = entries(zip);
        changes.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A macro-enabled workbook (xlsm content type and a VBA part) under an .xlsx name. */
    public static byte[] macroWorkbook() throws IOException {
        byte[] good = workbook();
        String types = new String(entries(good).get("[Content_Types].xml"), StandardCharsets.UTF_8)
                .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                .replace("<Default ", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                        + "<Default ");
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("[Content_Types].xml", types);
        changes.put("xl/vbaProject.bin", "Attribute VB_Name = \"Module1\"");
        return replaced(good, changes);
    }
}
