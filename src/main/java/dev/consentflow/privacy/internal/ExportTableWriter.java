package dev.consentflow.privacy.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.contacts.ContactExports.ContactRow;
import dev.consentflow.privacy.internal.ExportColumns.Column;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes the rows of a list or account export as they stream in, in one of three formats; nothing but the
 * current row (and, for XLSX, the workbook's window) is held in memory.
 */
interface ExportTableWriter extends AutoCloseable {

    void row(ContactRow row);

    /** Ends the document and flushes it to the stream. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;

    static ExportTableWriter of(ExportFormat format, List<Column> columns, ObjectMapper mapper, OutputStream out)
            throws IOException {
        return switch (format) {
            case CSV -> new Csv(columns, out);
            case XLSX -> new Xlsx(columns, out);
            case JSON -> new Json(columns, mapper, out);
        };
    }

    /**
     * RFC 4180 CSV in UTF-8 with a byte order mark (so Excel reads the accents), every field quoted, and a value
     * that begins like a formula prefixed with a single quote (OWASP).
     */
    final class Csv implements ExportTableWriter {

        private final List<Column> columns;
        private final Writer out;

        Csv(List<Column> columns, OutputStream stream) throws IOException {
            this.columns = columns;
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            out.write('\uFEFF');
            line(columns.stream().map(Column::name).map(Object.class::cast).toList());
        }

        @Override
        public void row(ContactRow row) {
            try {
                line(columns.stream().map(c -> c.value().apply(row)).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void line(List<Object> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object value = values.get(i);
                if (value instanceof Number number) {
                    out.write(number.toString());
                } else {
                    out.write(ExportCells.csv(value == null ? null : value.toString()));
                }
            }
            out.write("\r\n");
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** One sheet "Contacts" (continued on "Contacts 2"… past Excel's row limit), headers in bold. */
    final class Xlsx implements ExportTableWriter {

        private final List<Column> columns;
        private final OutputStream out;
        private final ExportWorkbook workbook = new ExportWorkbook();
        private final ExportWorkbook.Sheet sheet;

        Xlsx(List<Column> columns, OutputStream out) {
            this.columns = columns;
            this.out = out;
            this.sheet = workbook.sheet("Contacts", columns.stream().map(Column::name).toArray(String[]::new));
        }

        @Override
        public void row(ContactRow row) {
            sheet.row(columns.stream().map(c -> c.value().apply(row)).toArray());
        }

        @Override
        public void finish() throws IOException {
            workbook.write(out);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            workbook.close();
        }
    }

    /** A JSON array of objects keyed by column, custom fields in a nested {@code "fields"} object. */
    final class Json implements ExportTableWriter {

        private final List<Column> columns;
        private final JsonGenerator json;

        Json(List<Column> columns, ObjectMapper mapper, OutputStream out) throws IOException {
            this.columns = columns;
            this.json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
            json.writeStartArray();
        }

        @Override
        public void row(ContactRow row) {
            try {
                json.writeStartObject();
                boolean inFields = false;
                for (Column column : columns) {
                    String name = column.name();
                    if (name.startsWith(ExportColumns.FIELD)) {
                        if (!inFields) {
                            json.writeObjectFieldStart("fields");
                            inFields = true;
                        }
                        name = name.substring(ExportColumns.FIELD.length());
                    }
                    Object value = column.value().apply(row);
                    if (value instanceof Number number) {
                        json.writeNumberField(name, number.intValue());
                    } else if (value instanceof Instant instant) {
                        json.writeStringField(name, instant.toString());
                    } else if (inFields && value == null) {
                        continue;
                    } else {
                        json.writeStringField(name, value == null ? null : value.toString());
                    }
                }
                if (!inFields) {
                    json.writeObjectFieldStart("fields");
                }
                json.writeEndObject();
                json.writeEndObject();
                json.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish() throws IOException {
            json.writeEndArray();
            json.flush();
        }

        @Override
        public void close() throws IOException {
            json.close();
        }
    }
}
