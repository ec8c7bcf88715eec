package dev.consentflow.imports.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A data row as a reader found it, the way an upload's part keeps it: its number, its cells (an empty cell as
 * null), or the problem that made it unreadable and the column it is in. A part is a list of these in a compact
 * binary form (sealed by {@link UploadStore}).
 */
record StoredRow(long number, List<String> cells, String problem, String column) {

    /** The header row's names, as a part of its own. */
    static byte[] encodeHeader(List<String> names) {
        return encode(List.of(new StoredRow(0, names, null, null)));
    }

    static List<String> decodeHeader(byte[] plain) {
        return decode(plain).get(0).cells();
    }

    static byte[] encode(List<StoredRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(rows.size());
            for (StoredRow row : rows) {
                out.writeLong(row.number());
                if (row.problem() != null) {
                    out.writeInt(-1);
                    out.writeUTF(row.problem());
                    writeNullable(out, row.column());
                } else {
                    out.writeInt(row.cells().size());
                    for (String cell : row.cells()) {
                        writeNullable(out, cell);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<StoredRow> decode(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            int count = in.readInt();
            List<StoredRow> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long number = in.readLong();
                int cells = in.readInt();
                if (cells < 0) {
                    rows.add(new StoredRow(number, List.of(), in.readUTF(), readNullable(in)));
                } else {
                    List<String> values = new ArrayList<>(cells);
                    for (int c = 0; c < cells; c++) {
                        values.add(readNullable(in));
                    }
                    rows.add(new StoredRow(number, Collections.unmodifiableList(values), null, null));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cells are at most {@link CsvReader#MAX_CELL} characters, so their UTF-8 fits writeUTF's 65,535 bytes. */
    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
