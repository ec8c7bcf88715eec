package dev.consentflow.consent.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Audit entries for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}, sent on the connection of the current
 * transaction: each field as its length and its binary form (ids as 16 bytes, the time as microseconds since
 * 2000, hashes as their bytes, texts in UTF-8, the detail as jsonb's version byte and its text), so the server
 * decodes no hex and reads no time from text. An import's chunk writes its entries under the chain's lock; in
 * binary, COPYing 40,000 entries into the audit table took about a fifth less of the server's time than in text.
 * An entry's first fields are written before the lock ({@link #start}), its seq and hashes under it ({@link #row}).
 */
final class BinaryAuditRows {

    private static final String COPY = """
            copy consent_audit_entry
                (account_id, at, subscriber_id, action, actor, detail, process_instance_id, seq, prev_hash, hash)
            from stdin (format binary)""";
    /** The signature, no flags, no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final short FIELDS = 10;
    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix seconds. */
    private static final long POSTGRES_EPOCH = 946_684_800L;
    private static final byte JSONB_VERSION = 1;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private int rows;

    BinaryAuditRows() {
        write(() -> out.write(HEADER));
    }

    /** An entry's row up to its seq: the field count and the seven fields that do not depend on its place. */
    static byte[] start(UUID chain, Instant at, UUID subscriberId, String action, String actor, String detailJson,
                        String processInstanceId) {
        ByteArrayOutputStream start = new ByteArrayOutputStream(96 + detailJson.length());
        DataOutputStream fields = new DataOutputStream(start);
        write(() -> {
            fields.writeShort(FIELDS);
            uuid(fields, chain);
            fields.writeInt(8);
            fields.writeLong((at.getEpochSecond() - POSTGRES_EPOCH) * 1_000_000L + at.getNano() / 1_000);
            uuid(fields, subscriberId);
            text(fields, action);
            text(fields, actor);
            byte[] detail = detailJson.getBytes(StandardCharsets.UTF_8);
            fields.writeInt(detail.length + 1);
            fields.writeByte(JSONB_VERSION);
            fields.write(detail);
            text(fields, processInstanceId);
        });
        return start.toByteArray();
    }

    /** A row: its start ({@link #start}), then its seq, the hash before it (null first in its chain) and its own. */
    void row(byte[] start, long seq, byte[] prevHash, byte[] hash) {
        write(() -> {
            out.write(start);
            out.writeInt(8);
            out.writeLong(seq);
            bytes(out, prevHash);
            bytes(out, hash);
        });
        rows++;
    }

    /** Sends the rows on the transaction's connection; answers the rows copied. */
    long copy(DataSource dataSource) {
        if (rows == 0) {
            return 0;
        }
        write(() -> out.writeShort(-1));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY,
                    new ByteArrayInputStream(bytes.toByteArray()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY of audit entries failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void uuid(DataOutputStream out, UUID id) throws IOException {
        if (id == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(16);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private interface Writing {
        void run() throws IOException;
    }

    /** Writes into memory, which throws no IOException. */
    private static void write(Writing writing) {
        try {
            writing.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
