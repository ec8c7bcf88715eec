package dev.consentflow;

import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} in its text format, sent on the connection of the current
 * transaction, so they commit or roll back with it. Far less work for the database per row than a batch of
 * INSERT statements, which matters for imports of a million rows (their audit entries go in binary: {@code
 * consent.internal.BinaryAuditRows}).
 * The one writer of COPY's text format: NULL as {@code \N}, bytes as {@code \x} hex, instants in ISO-8601, enums by
 * name, backslash, tab and line breaks escaped.
 */
public final class CopyRows {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** Instants already written, as written: a chunk's rows share a few (its import's and its commit's time). */
    private static final int INSTANTS_KEPT = 16;

    private final StringBuilder text = new StringBuilder();
    private final Map<Instant, String> instants = new HashMap<>();
    private Instant lastInstant;
    private String lastInstantText;
    /** Each column's last id or instant and its text: a chunk's rows repeat their account's and list's ids. */
    private Object[] lastValues = new Object[0];
    private String[] lastTexts = new String[0];
    private int rows;

    public CopyRows row(Object... values) {
        if (lastValues.length < values.length) {
            lastValues = Arrays.copyOf(lastValues, values.length);
            lastTexts = Arrays.copyOf(lastTexts, values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            if (values[i] instanceof UUID || values[i] instanceof Instant) {
                appendRepeated(i, values[i]);
            } else {
                append(values[i]);
            }
        }
        text.append('\n');
        rows++;
        return this;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Sends the rows with the given COPY statement on the transaction's connection. */
    public long copy(DataSource dataSource, String copySql) {
        if (rows == 0) {
            return 0;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new TextReader(text));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("COPY failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The rows so far in COPY's text format. */
    @Override
    public String toString() {
        return text.toString();
    }

    /** An id or instant, its text reused when the column's row before had the same. */
    private void appendRepeated(int column, Object value) {
        if (!value.equals(lastValues[column])) {
            lastValues[column] = value;
            lastTexts[column] = value instanceof Instant at ? instant(at) : value.toString();
        }
        text.append(lastTexts[column]);
    }

    private void append(Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof byte[] bytes) {
            // Into the text directly, lower-case as HexFormat writes them: no string per value.
            text.append("\\\\x");
            for (byte b : bytes) {
                text.append(HEX_DIGITS[(b >> 4) & 0xF]).append(HEX_DIGITS[b & 0xF]);
            }
        } else if (value instanceof Enum<?> e) {
            text.append(e.name());
        } else {
            escape(value.toString());
        }
    }

    /**
     * ISO-8601, as {@link Instant#toString()}, formatted once for the instants rows repeat: a chunk's rows share a few
     * (its import's time, its commit's), and a new row's created and updated times are the same.
     */
    private String instant(Instant at) {
        if (at.equals(lastInstant)) {
            return lastInstantText;
        }
        String known = instants.get(at);
        if (known == null) {
            known = at.toString();
            if (instants.size() < INSTANTS_KEPT) {
                instants.put(at, known);
            }
        }
        lastInstant = at;
        lastInstantText = known;
        return known;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    /** Reads the rows' text where it was written: a chunk's text is not copied into a string first. */
    private static final class TextReader extends Reader {
        private final StringBuilder text;
        private int next;

        TextReader(StringBuilder text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (next >= text.length()) {
                return -1;
            }
            int n = Math.min(length, text.length() - next);
            text.getChars(next, next + n, buffer, offset);
            next += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
