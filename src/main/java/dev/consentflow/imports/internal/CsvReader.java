package dev.consentflow.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180) as a stream: a header row, then records separated by CRLF, LF or CR; fields separated by
 * commas (or semicolons, when the header has more of them, as spreadsheet programs write in many countries),
 * quoted with {@code "} when they hold separators, quotes (doubled) or line breaks. A UTF-8 byte order mark is
 * skipped. Memory stays bounded whatever the file holds: a cell longer than {@link #MAX_CELL} characters is not
 * kept (its row is rejected), nor a record with more than {@link #MAX_CELLS} cells. Bytes that are not UTF-8 make
 * their row rejected, not the file. A quote inside an unquoted field, or text after a closing quote, makes the row
 * rejected; a quoted field still open at the end of the file makes the file unreadable.
 */
final class CsvReader {

    static final int MAX_CELL = 4096;
    static final int MAX_CELLS = 256;
    private static final char REPLACEMENT = '\uFFFD';

    private final Reader in;
    private char separator;
    private int pushedBack = -2;
    private long line = 1;

    private CsvReader(InputStream in) {
        this.in = new InputStreamReader(new java.io.BufferedInputStream(in, 1 << 16), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** Reads the whole stream into the sink. */
    static void read(InputStream stream, RowSink sink) {
        new CsvReader(stream).readAll(sink);
    }

    private void readAll(RowSink sink) {
        try {
            int first = in.read();
            if (first != '\uFEFF' && first != -1) {
                pushedBack = first;
            }
            List<String> header = headerRecord();
            if (header == null) {
                throw new FileProblem("The file is empty: it needs a header row");
            }
            sink.header(header);
            long number = 0;
            Record record;
            while ((record = record()) != null) {
                if (record.isBlank()) {
                    continue;
                }
                number++;
                if (record.problem != null) {
                    sink.row(number, List.of(), record.problem, column(header, record.problemCell));
                } else {
                    sink.row(number, record.cells, null, null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String column(List<String> header, int cell) {
        return cell >= 0 && cell < header.size() ? header.get(cell) : null;
    }

    /** The header decides the separator: a comma, or a semicolon when the header has more semicolons. */
    private List<String> headerRecord() throws IOException {
        StringBuilder raw = new StringBuilder();
        int c;
        boolean quoted = false;
        while ((c = next()) != -1) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (c == '\r') {
                    int after = next();
                    if (after != '\n' && after != -1) {
                        pushedBack = after;
                    }
                }
                break;
            }
            raw.append((char) c);
            if (raw.length() > MAX_CELL * 4) {
                throw new FileProblem("The header row is too long");
            }
        }
        if (c == -1 && raw.isEmpty()) {
            return null;
        }
        if (quoted) {
            throw new FileProblem("The header row has a quoted name that never ends (unbalanced quote)");
        }
        long commas = raw.chars().filter(ch -> ch == ',').count();
        long semicolons = raw.chars().filter(ch -> ch == ';').count();
        separator = semicolons > commas ? ';' : ',';
        CsvReader header = new CsvReader(new java.io.ByteArrayInputStream(
                raw.toString().getBytes(StandardCharsets.UTF_8)));
        header.separator = separator;
        Record record = header.record();
        if (record == null || record.problem != null) {
            throw new FileProblem("The header row cannot be read" + (record == null ? "" : ": " + record.problem));
        }
        List<String> names = new ArrayList<>();
        for (String name : record.cells) {
            names.add(name == null ? "" : name.strip());
        }
        return names;
    }

    private int next() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** The next record, or null at the end of the file. */
    private Record record() throws IOException {
        int c = next();
        if (c == -1) {
            return null;
        }
        Record record = new Record();
        StringBuilder cell = new StringBuilder();
        boolean tooLong = false;
        long startLine = line;
        while (true) {
            if (c == '"' && cell.isEmpty() && !tooLong) {
                c = quoted(record, cell, startLine);
                tooLong = cell.length() > MAX_CELL;
                if (c != separator && c != '\n' && c != '\r' && c != -1) {
                    record.fail("text follows a closing quote", record.cells.size());
                    c = skipToEndOfRecord(c);
                }
            }
            if (c == separator) {
                record.add(cell, tooLong);
                cell.setLength(0);
                tooLong = false;
                c = next();
                continue;
            }
            if (c == '\n' || c == '\r' || c == -1) {
                record.add(cell, tooLong);
                if (c == '\r') {
                    int after = next();
                    if (after != '\n' && after != -1) {
                        pushedBack = after;
                    }
                }
                line++;
                return record;
            }
            if (c == '"') {
                record.fail("a quote inside an unquoted cell (quote the whole cell and double the quote)",
                        record.cells.size());
            }
            if (cell.length() <= MAX_CELL) {
                cell.append((char) c);
            } else {
                tooLong = true;
            }
            c = next();
        }
    }

    /** Reads a quoted cell after its opening quote; answers the character after the closing quote. */
    private int quoted(Record record, StringBuilder cell, long startLine) throws IOException {
        while (true) {
            int c = next();
            if (c == -1) {
                throw new FileProblem("A quoted cell that starts on line " + startLine + " never ends "
                        + "(unbalanced quote)");
            }
            if (c == '"') {
                int after = next();
                if (after != '"') {
                    return after;
                }
            }
            if (c == '\n') {
                line++;
            }
            if (cell.length() <= MAX_CELL) {
                cell.append((char) c);
            }
        }
    }

    private int skipToEndOfRecord(int c) throws IOException {
        while (c != '\n' && c != '\r' && c != -1) {
            c = next();
        }
        return c;
    }

    private static final class Record {
        private final List<String> cells = new ArrayList<>();
        private String problem;
        private int problemCell = -1;

        void add(StringBuilder cell, boolean tooLong) {
            int index = cells.size();
            if (tooLong || cell.length() > MAX_CELL) {
                fail("is longer than " + MAX_CELL + " characters", index);
            } else if (cell.indexOf(String.valueOf(REPLACEMENT)) >= 0) {
                fail("is not valid UTF-8 text (save the file as UTF-8)", index);
            }
            if (index >= MAX_CELLS) {
                fail("the row has more than " + MAX_CELLS + " cells", -1);
                return;
            }
            cells.add(cell.isEmpty() ? null : cell.toString());
        }

        void fail(String reason, int cell) {
            if (problem == null) {
                problem = reason;
                problemCell = cell;
            }
        }

        boolean isBlank() {
            return problem == null && cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }
}
