package dev.consentflow;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} in its text format, sent on the connection of the current
 * transaction, so they commit or roll back with it. Far less work for the database per row than a batch of
 * INSERT statements, which matters for imports of a million rows and for the audit entries of an import's chunk.
 * The one writer of COPY's text format: NULL as {@code \N}, bytes as {@code \x} hex, instants in ISO-8601, enums by
 * name, backslash, tab and line breaks escaped.
 */
public final class CopyRows {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder text = new StringBuilder();
    private int rows;

    public CopyRows row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            append(values[i]);
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
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(text.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("COPY failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void append(Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof byte[] bytes) {
            text.append("\\\\x").append(HEX.formatHex(bytes));
        } else if (value instanceof Instant at) {
            text.append(at);
        } else if (value instanceof Enum<?> e) {
            text.append(e.name());
        } else {
            escape(value.toString());
        }
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
}
