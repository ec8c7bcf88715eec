package dev.consentflow.imports.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps an upload in the database until its import ends, so any node can work on it and a restart loses nothing:
 * as the rows its reader found, part 0 the header row and every further part one chunk of rows, each part sealed
 * (AES-256-GCM) under the account's key {@code imports.upload} and bound to the import and the part's number (the
 * rows hold personal data). A chunk's part is deleted in the transaction that commits its rows, so what is left
 * is what is still to do; an erasure rewrites the parts that carry the person's address ({@link ImportErasures}).
 *
 * <p>Uploads stored before rows were stored (the file's bytes in parts of at most {@link #PART} bytes) are read
 * with {@link #openFile} once, to convert them.
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

    /** A part still to do: its number and the rows it holds. */
    record Part(int seq, long firstRow, int rows) {
    }

    /**
     * Reads the file with its format's reader and stores its rows, {@code rowsPerPart} to a part, in the caller's
     * transaction; answers the number of data rows (rows after {@code skipThrough} only: an import converted
     * after a crash stores only the rows still to do).
     *
     * @throws FileProblem when the file cannot be read as its format or its header makes no sense
     */
    long storeRows(UUID importId, AccountId account, ImportFormat format, Path file, int rowsPerPart,
                   long skipThrough) {
        int version = keys.currentVersion();
        var key = keys.derive(PURPOSE, account, version);
        List<StoredRow> chunk = new ArrayList<>(rowsPerPart);
        long[] counted = new long[1];
        int[] seq = {1};
        boolean[] header = new boolean[1];
        ImportFiles.read(format, file, new RowSink() {
            @Override
            public void header(List<String> names) {
                Columns.of(names);
                insert(importId, 0, version, key, null, 0, StoredRow.encodeHeader(names));
                header[0] = true;
            }

            @Override
            public void row(long number, List<String> cells, String problem, String column) {
                counted[0] = number;
                if (number <= skipThrough) {
                    return;
                }
                chunk.add(new StoredRow(number, cells, problem, column));
                if (chunk.size() >= rowsPerPart) {
                    flush();
                }
            }

            private void flush() {
                insert(importId, seq[0]++, version, key, chunk.get(0).number(), chunk.size(), StoredRow.encode(chunk));
                chunk.clear();
            }
        });
        if (!header[0]) {
            throw new FileProblem("The file has no header row");
        }
        if (!chunk.isEmpty()) {
            insert(importId, seq[0], version, key, chunk.get(0).number(), chunk.size(), StoredRow.encode(chunk));
        }
        return counted[0];
    }

    private void insert(UUID importId, int seq, int version, javax.crypto.SecretKey key, Long firstRow, int rows,
                        byte[] plain) {
        var params = new java.util.HashMap<String, Object>();
        params.put("id", importId);
        params.put("seq", seq);
        params.put("keyVersion", version);
        params.put("sealed", Sealing.seal(key, plain, boundTo(importId, seq)));
        params.put("firstRow", firstRow);
        params.put("rowCount", rows);
        jdbc.update(ImportSql.INSERT_PART, params);
    }

    /** The header row's names; empty when the upload is gone (the import ended). */
    Optional<List<String>> header(UUID importId, AccountId account) {
        return read(importId, account, 0, false).map(StoredRow::decodeHeader);
    }

    /** The parts of rows still to do, in the file's order. */
    List<Part> remaining(UUID importId) {
        return jdbc.query(ImportSql.FIND_REMAINING_PARTS, Map.of("id", importId),
                (rs, n) -> new Part(rs.getInt("seq"), rs.getLong("first_row"), rs.getInt("row_count")));
    }

    /** A part's rows; empty when the part is gone (its chunk was committed). */
    Optional<List<StoredRow>> rows(UUID importId, AccountId account, int seq) {
        return read(importId, account, seq, false).map(StoredRow::decode);
    }

    /** A part's rows, its row locked until the transaction ends (no chunk commits it meanwhile); empty when gone. */
    Optional<List<StoredRow>> lockedRows(UUID importId, AccountId account, int seq) {
        return read(importId, account, seq, true).map(StoredRow::decode);
    }

    /** Locks a part's row until the transaction ends; false when it is gone. */
    boolean lock(UUID importId, int seq) {
        return !jdbc.queryForList(ImportSql.LOCK_PART, Map.of("id", importId, "seq", seq), Integer.class).isEmpty();
    }

    /** Replaces a part's rows (sealed anew under the current key version), in the caller's transaction. */
    void rewrite(UUID importId, AccountId account, int seq, List<StoredRow> rows) {
        int version = keys.currentVersion();
        jdbc.update(ImportSql.REWRITE_PART, Map.of("id", importId, "seq", seq, "keyVersion", version,
                "sealed", Sealing.seal(keys.derive(PURPOSE, account, version), StoredRow.encode(rows),
                        boundTo(importId, seq))));
    }

    void deletePart(UUID importId, int seq) {
        jdbc.update(ImportSql.DELETE_PART, Map.of("id", importId, "seq", seq));
    }

    void delete(UUID importId) {
        jdbc.update(ImportSql.DELETE_PARTS, Map.of("id", importId));
    }

    private Optional<byte[]> read(UUID importId, AccountId account, int seq, boolean lock) {
        var rows = jdbc.queryForList(lock ? ImportSql.FIND_PART_LOCKED : ImportSql.FIND_PART,
                Map.of("id", importId, "seq", seq));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int version = ((Number) rows.get(0).get("key_version")).intValue();
        return Optional.of(Sealing.open(keys.derive(PURPOSE, account, version), (byte[]) rows.get(0).get("sealed"),
                boundTo(importId, seq)));
    }

    /** An upload stored as the file's bytes (before rows were stored), as a stream read part by part. */
    InputStream openFile(UUID importId, AccountId account) {
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
                    Optional<byte[]> next = UploadStore.this.read(importId, account, seq, false);
                    if (next.isEmpty()) {
                        ended = true;
                        part = new byte[0];
                        return false;
                    }
                    part = next.get();
                    position = 0;
                    seq++;
                }
                return !ended;
            }
        };
    }

    /**
     * Makes sure the import's upload is stored as rows, converting one stored as the file's bytes (an import
     * uploaded before this version), in the caller's transaction.
     */
    void ensureRows(UUID importId, AccountId account, int rowsPerPart) {
        var file = jdbc.queryForList(ImportSql.LOCK_STORED_FILE, Map.of("id", importId));
        if (!file.isEmpty()) {
            convertFile(importId, account, ImportFormat.valueOf((String) file.get(0).get("format")), rowsPerPart,
                    ((Number) file.get(0).get("rows_done")).longValue());
        }
    }

    /**
     * Converts an upload stored as the file's bytes into rows, keeping only the rows after the cursor (the rows
     * before it are committed), in the caller's transaction.
     */
    private void convertFile(UUID importId, AccountId account, ImportFormat format, int rowsPerPart, long rowsDone) {
        try (InputStream file = openFile(importId, account)) {
            ImportFiles.withTempFile(file, path -> {
                delete(importId);
                storeRows(importId, account, format, path, rowsPerPart, rowsDone);
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        jdbc.update(ImportSql.STORED_AS_ROWS, Map.of("id", importId));
    }

    private static byte[] boundTo(UUID importId, int seq) {
        return ("import:" + importId + "/part:" + seq).getBytes(StandardCharsets.UTF_8);
    }
}
