package dev.consentflow.consent.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Audit rows in COPY's text format, sent on the current transaction's connection (so they commit or roll back with
 * it): far less work for the database per entry than the rows of an INSERT, for the thousands of an import's chunk.
 */
final class AuditCopy {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder text;
    private boolean firstInRow = true;

    AuditCopy(int rows) {
        this.text = new StringBuilder(rows * 240);
    }

    AuditCopy value(Object value) {
        if (!firstInRow) {
            text.append('\t');
        }
        firstInRow = false;
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof byte[] bytes) {
            text.append("\\\\x").append(HEX.formatHex(bytes));
        } else {
            escape(value.toString());
        }
        return this;
    }

    AuditCopy endRow() {
        text.append('\n');
        firstInRow = true;
        return this;
    }

    /** Sends the rows with the given {@code copy ... from stdin} statement on the transaction's connection. */
    void copy(DataSource dataSource, String copySql) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not write audit entries", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Backslash, tab and line breaks escaped, as COPY's text format wants them. */
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
