package dev.consentflow.imports.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the first sheet of an XLSX workbook as a stream of rows with POI's event API (SAX over the sheet's XML,
 * never the whole workbook in memory). POI's {@code ZipSecureFile} refuses zip bombs (entries that expand far more
 * than a spreadsheet does), its XML parsers refuse DOCTYPE declarations, so external entities and entity expansion
 * never run. Macro-enabled workbooks are refused, also when renamed to {@code .xlsx}.
 */
final class XlsxReader {

    private XlsxReader() {
    }

    static void read(File file, RowSink sink) {
        try (OPCPackage pkg = OPCPackage.open(file, PackageAccess.READ)) {
            if (!pkg.getPartsByContentType(XSSFRelation.MACROS_WORKBOOK.getContentType()).isEmpty()
                    || !pkg.getPartsByName(java.util.regex.Pattern.compile("(?i).*vbaProject\\.bin")).isEmpty()) {
                throw new UnsupportedFile("Macro-enabled workbooks are not imported: save the sheet as .xlsx or .csv");
            }
            if (pkg.getPartsByContentType(XSSFRelation.WORKBOOK.getContentType()).isEmpty()) {
                throw new FileProblem("The file is not an Excel workbook (.xlsx)");
            }
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new FileProblem("The workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(sink),
                        new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (FileProblem | StopReading e) {
            throw e;
        } catch (IOException e) {
            throw new FileProblem(zipBomb(e) ? ZIP_BOMB : NOT_A_WORKBOOK, e);
        } catch (SAXException e) {
            throw new FileProblem(e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "The workbook declares a DOCTYPE or entities: refused (external entities are never read)"
                    : "The workbook's sheet is not well-formed XML", e);
        } catch (NotOfficeXmlFileException | InvalidFormatException | OpenXML4JRuntimeException | POIXMLException e) {
            throw new FileProblem(zipBomb(e) ? ZIP_BOMB : NOT_A_WORKBOOK, e);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (OpenXML4JException | RuntimeException e) {
            if (e instanceof IllegalStateException || e instanceof UnsupportedOperationException
                    || e instanceof org.apache.poi.util.RecordFormatException || zipBomb(e)) {
                throw new FileProblem(zipBomb(e) ? ZIP_BOMB : NOT_A_WORKBOOK, e);
            }
            throw e instanceof RuntimeException r ? r : new FileProblem(NOT_A_WORKBOOK, e);
        }
    }

    private static final String NOT_A_WORKBOOK = "The file is not a readable Excel workbook (.xlsx)";
    private static final String ZIP_BOMB =
            "The workbook expands far more than a spreadsheet does (a zip bomb): refused";

    private static boolean zipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase().contains("zip bomb")) {
                return true;
            }
        }
        return false;
    }

    /** Thrown by a sink that has read what it needed (the header). */
    static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /** Turns the sheet's cells into rows: missing cells are empty, the first row is the header. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowSink sink;
        private List<String> cells = new ArrayList<>();
        private String problem;
        private int problemColumn = -1;
        private List<String> header;
        private long number;

        Rows(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new ArrayList<>();
            problem = null;
            problemColumn = -1;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= CsvReader.MAX_CELLS) {
                fail("the row has more than " + CsvReader.MAX_CELLS + " cells", -1);
                return;
            }
            while (cells.size() < column) {
                cells.add(null);
            }
            if (value != null && value.length() > CsvReader.MAX_CELL) {
                fail("is longer than " + CsvReader.MAX_CELL + " characters", column);
                value = null;
            }
            cells.add(value == null || value.isEmpty() ? null : value);
        }

        private void fail(String reason, int column) {
            if (problem == null) {
                problem = reason;
                problemColumn = column;
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (header == null) {
                header = cells.stream().map(c -> c == null ? "" : c.strip()).toList();
                sink.header(header);
                return;
            }
            if (problem == null && cells.stream().allMatch(c -> c == null || c.isBlank())) {
                return;
            }
            number++;
            if (problem != null) {
                sink.row(number, List.of(), problem,
                        problemColumn >= 0 && problemColumn < header.size() ? header.get(problemColumn) : null);
            } else {
                sink.row(number, cells, null, null);
            }
        }

        @Override
        public void headerFooter(String text, boolean isHeader, String tagName) {
        }
    }
}
