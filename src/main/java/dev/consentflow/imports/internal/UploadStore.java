package dev.consentflow.imports.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps an uploaded file in the database until its import ends, so any node can work on it and a restart loses
 * nothing: parts of at most {@link #PART} bytes, each sealed (AES-256-GCM) under the account's key
 * {@code imports.upload} and bound to the import and the part's number (the file holds personal data). Reading
 * holds one part in memory at a time.
 */
@Component
class UploadStore {

    static final int PART = 1 << 20;
    private static final String PURPOSE = "imports.upload";

    private final NamedParameterJdbcTemplate jdbc;
    private final KeyRing keys;

    UploadStore(NamedParameterJdbcTemplate jdbc, KeyRing keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** Stores the stream's bytes, in the caller's transaction. */
    void store(UUID importId, AccountId account, InputStream in) throws IOException {
        int version = keys.currentVersion();
        var key = keys.derive(PURPOSE, account, version);
        int seq = 0;
        byte[] part;
        while ((part = in.readNBytes(PART)).length > 0) {
            jdbc.update(ImportSql.INSERT_PART, Map.of("id", importId, "seq", seq, "keyVersion", version,
                    "sealed", Sealing.seal(key, part, boundTo(importId, seq))));
            seq++;
        }
    }

    /** The stored file as a stream, read part by part. */
    InputStream open(UUID importId, AccountId account) {
        return new InputStream() {
            private byte[] part = new byte[0];
            private int position;
            private int seq;
            private boolean ended;

            @Override
            public int read() {
                return fill() ? part[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(length, part.length - position);
                System.arraycopy(part, position, buffer, offset, n);
                position += n;
                return n;
            }

            private boolean fill() {
                while (!ended && position >= part.length) {
                    var rows = jdbc.queryForList(ImportSql.FIND_PART, Map.of("id", importId, "seq", seq));
                    if (rows.isEmpty()) {
                        ended = true;
                        part = new byte[0];
                        return false;
                    }
                    int version = ((Number) rows.get(0).get("key_version")).intValue();
                    part = Sealing.open(keys.derive(PURPOSE, account, version), (byte[]) rows.get(0).get("sealed"),
                            boundTo(importId, seq));
                    position = 0;
                    seq++;
                }
                return !ended;
            }
        };
    }

    void delete(UUID importId) {
        jdbc.update(ImportSql.DELETE_PARTS, Map.of("id", importId));
    }

    private static byte[] boundTo(UUID importId, int seq) {
        return ("import:" + importId + "/part:" + seq).getBytes(StandardCharsets.UTF_8);
    }
}
