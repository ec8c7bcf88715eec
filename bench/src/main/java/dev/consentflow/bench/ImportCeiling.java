package dev.consentflow.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.PGConnection;

/**
 * The import's fair ceiling: COPY of the rows a confirmed import of the same CSV ends with (per row a card, its
 * custom field, its subscription and two chained audit entries, SUBSCRIBED and CONFIRMED) into tables made like the
 * server's: the columns, checks, keys, foreign keys and indexes read from the server's own database after its
 * migrations ran (a referenced table outside the four is a one-row stand-in, so the foreign keys are checked as
 * there), with the server's statistics targets and storage parameters (autovacuum analyzes both alike while they
 * COPY). The bench tool encrypts before the clock starts, with the server's scheme: a random AES-256 data key per
 * card wrapped with AES-256-GCM, the address and the field sealed with AES-256-GCM under it, the blind index an
 * HMAC-SHA256 of the normalised address, each audit entry's hash a SHA-256 over the one before it. The audit entries
 * go in as the server's import writes them, in COPY's binary format; the other three tables in its text format.
 *
 * <p>The ceiling commits as the import does: chunks of the import's chunk size ({@code CONSENTFLOW_IMPORT_CHUNK_ROWS},
 * default 1,000), each chunk's four COPYs in one transaction, on as many connections as the import writes chunks
 * at once ({@code CONSENTFLOW_IMPORTS_THREADS}, default one more than the processors there are): {@code fair_raw_per_s}. The
 * former ceiling, all rows' COPYs in one transaction on one connection ({@code fair_one_tx_per_s}), runs too, for
 * comparison: there every foreign-key check waits as an after-trigger event until the one commit, which a
 * chunk-by-chunk import never pays, so the product could beat it.
 */
final class ImportCeiling {

    static final List<String> TABLES = List.of("contacts_contact", "contacts_field", "contacts_subscription",
            "consent_audit_entry");
    /** The table the server's import COPYs in binary (its chunks' audit entries); the others go in as text. */
    private static final String BINARY_TABLE = "consent_audit_entry";
    /** COPY's binary signature, no flags, no header extension; and its trailer, a field count of -1. */
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] BINARY_TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix seconds. */
    private static final long POSTGRES_EPOCH = 946_684_800L;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ImportCeiling() {
    }

    /**
     * Runs both ceilings into the report: the chunked one ({@code fair_raw_per_s}, seconds per table summed over
     * its connections, its CPU) and the one-transaction one ({@code fair_one_tx_per_s}, ...).
     */
    static void run(Fixture f, Report report, int rows) throws Exception {
        Database.Target target = f.db.raw();
        Path dir = Files.createTempDirectory("bench-import-ceiling-");
        int chunkRows = setting("CONSENTFLOW_IMPORT_CHUNK_ROWS", 1000);
        int connections = setting("CONSENTFLOW_IMPORTS_THREADS", Runtime.getRuntime().availableProcessors() + 1);
        try {
            UUID account = UUID.randomUUID();
            UUID list = UUID.randomUUID();
            Encrypted files = encrypt(f.config, dir, rows, account, list, chunkRows);
            try (Connection server = f.db.connect(f.config.appJdbcUrl());
                 Connection raw = f.db.connect(target.jdbcUrl())) {
                makeTables(server, raw, account, list);
                oneTransaction(f, report, rows, files, raw);
                makeTables(server, raw, account, list);
                chunked(f, report, rows, files, target, chunkRows, connections);
            }
        } finally {
            try (var paths = Files.list(dir)) {
                for (Path p : paths.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The former ceiling: every row's four COPYs in one transaction on one connection. */
    private static void oneTransaction(Fixture f, Report report, int rows, Encrypted files, Connection raw)
            throws Exception {
        raw.setAutoCommit(false);
        Map<String, Object> seconds = new LinkedHashMap<>();
        Cpu.Snapshot cpu = f.cpu.snapshot();
        long start = System.nanoTime();
        for (String table : TABLES) {
            long began = System.nanoTime();
            if (table.equals(BINARY_TABLE)) {
                try (InputStream in = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                        new ByteArrayInputStream(BINARY_HEADER), Files.newInputStream(files.paths().get(table)),
                        new ByteArrayInputStream(BINARY_TRAILER))))) {
                    raw.unwrap(PGConnection.class).getCopyAPI().copyIn(copy(table), in);
                }
            } else {
                try (Reader in = Files.newBufferedReader(files.paths().get(table), StandardCharsets.UTF_8)) {
                    raw.unwrap(PGConnection.class).getCopyAPI().copyIn(copy(table), in);
                }
            }
            seconds.put(table, Report.round((System.nanoTime() - began) / 1e9, 2));
        }
        raw.commit();
        raw.setAutoCommit(true);
        report.rate("fair_one_tx_per_s", rows, System.nanoTime() - start).put("fair_one_tx_cpu", f.cpu.since(cpu))
                .put("fair_one_tx_s", seconds);
    }

    /**
     * The ceiling as the import commits: chunk after chunk, each chunk's four COPYs and its commit, on
     * {@code connections} connections taking the next chunk as they finish one.
     */
    private static void chunked(Fixture f, Report report, int rows, Encrypted files, Database.Target target,
                                int chunkRows, int connections) throws Exception {
        int chunks = (rows + chunkRows - 1) / chunkRows;
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> nanos = new LinkedHashMap<>();
        TABLES.forEach(t -> nanos.put(t, new LongAdder()));
        List<Connection> opened = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            for (int i = 0; i < connections; i++) {
                Connection c = f.db.connect(target.jdbcUrl());
                c.setAutoCommit(false);
                opened.add(c);
            }
            Cpu.Snapshot cpu = f.cpu.snapshot();
            long start = System.nanoTime();
            List<Future<Void>> done = new ArrayList<>();
            for (Connection c : opened) {
                done.add(pool.submit(() -> {
                    Map<String, RandomAccessFile> in = new LinkedHashMap<>();
                    try {
                        for (String table : TABLES) {
                            in.put(table, new RandomAccessFile(files.paths().get(table).toFile(), "r"));
                        }
                        for (int k = next.getAndIncrement(); k < chunks; k = next.getAndIncrement()) {
                            for (String table : TABLES) {
                                long began = System.nanoTime();
                                long[] at = files.chunkOffsets().get(table);
                                byte[] part = new byte[(int) (at[k + 1] - at[k])];
                                in.get(table).seek(at[k]);
                                in.get(table).readFully(part);
                                c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy(table),
                                        new ByteArrayInputStream(table.equals(BINARY_TABLE) ? binary(part) : part));
                                nanos.get(table).add(System.nanoTime() - began);
                            }
                            c.commit();
                        }
                    } finally {
                        for (RandomAccessFile file : in.values()) {
                            file.close();
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> d : done) {
                d.get();
            }
            Map<String, Object> seconds = new LinkedHashMap<>();
            nanos.forEach((table, spent) -> seconds.put(table, Report.round(spent.sum() / 1e9, 2)));
            report.rate("fair_raw_per_s", rows, System.nanoTime() - start).put("fair_raw_cpu", f.cpu.since(cpu))
                    .put("fair_raw_s", seconds).put("fair_raw_chunk_rows", chunkRows)
                    .put("fair_raw_connections", connections);
        } finally {
            pool.shutdownNow();
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    private static String copy(String table) {
        return "copy " + table + " (" + COLUMNS.get(table) + ") from stdin"
                + (table.equals(BINARY_TABLE) ? " (format binary)" : "");
    }

    /** A chunk's binary rows as one COPY's data: the header, the rows, the trailer. */
    private static byte[] binary(byte[] rows) {
        byte[] data = new byte[BINARY_HEADER.length + rows.length + BINARY_TRAILER.length];
        System.arraycopy(BINARY_HEADER, 0, data, 0, BINARY_HEADER.length);
        System.arraycopy(rows, 0, data, BINARY_HEADER.length, rows.length);
        System.arraycopy(BINARY_TRAILER, 0, data, BINARY_HEADER.length + rows.length, BINARY_TRAILER.length);
        return data;
    }

    /** The server's setting from the environment both run in, else its default. */
    private static int setting(String name, int otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() || Integer.parseInt(value.strip()) < 1 ? otherwise
                : Integer.parseInt(value.strip());
    }

    /** The COPY files, and where each chunk starts in each (one more offset: the end). */
    private record Encrypted(Map<String, Path> paths, Map<String, long[]> chunkOffsets) {
    }

    private static final Map<String, String> COLUMNS = Map.of(
            "contacts_contact", "id, account_id, key_version, wrapped_key, index_version, email_index, email_sealed, "
                    + "mobile_index, mobile_sealed, source, mail_rating, created_at, updated_at, version",
            "contacts_field", "contact_id, name, value_sealed",
            "contacts_subscription", "id, account_id, contact_id, list_id, channel, status, source, subscribed_at, "
                    + "integration, confirmed_at, updated_at, version",
            "consent_audit_entry", "account_id, seq, at, subscriber_id, action, actor, detail, prev_hash, hash");

    /**
     * The rows of the same CSV as the server ends with, encrypted, one file per table: in COPY's text format, the
     * audit entries' rows in its binary format without header and trailer (each COPY adds them).
     */
    private static Encrypted encrypt(Config c, Path dir, int rows, UUID account, UUID list, int chunkRows)
            throws Exception {
        SecretKey wrapping = aesKey();
        SecretKey blind = aesKey();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, BufferedWriter> out = new LinkedHashMap<>();
        Map<String, long[]> offsets = new LinkedHashMap<>();
        Map<String, long[]> written = new LinkedHashMap<>();
        int chunks = (rows + chunkRows - 1) / chunkRows;
        for (String table : TABLES) {
            files.put(table, dir.resolve(table + ".copy"));
            if (!table.equals(BINARY_TABLE)) {
                out.put(table, Files.newBufferedWriter(files.get(table), StandardCharsets.UTF_8));
            }
            offsets.put(table, new long[chunks + 1]);
            written.put(table, new long[1]);
        }
        BufferedOutputStream binaryOut = new BufferedOutputStream(Files.newOutputStream(files.get(BINARY_TABLE)));
        java.io.ByteArrayOutputStream entry = new java.io.ByteArrayOutputStream(512);
        DataOutputStream fields = new DataOutputStream(entry);
        // Every line is ASCII: its characters are its bytes, so the offsets count characters.
        java.util.function.BiConsumer<String, String> write = (table, line) -> {
            try {
                out.get(table).append(line);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            written.get(table)[0] += line.length();
        };
        String importId = UUID.randomUUID().toString();
        String actor = "key:" + UUID.randomUUID();
        byte[] previous = null;
        long seq = 0;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try {
            for (int i = 0; i < rows; i++) {
                if (i % chunkRows == 0) {
                    for (String table : TABLES) {
                        offsets.get(table)[i / chunkRows] = written.get(table)[0];
                    }
                }
                String email = "import-" + c.runId() + "-" + i + "@bench.test";
                // Time-ordered ids (UUID version 7), as the server makes for new cards and subscriptions.
                UUID id = timeOrderedId();
                UUID subscription = timeOrderedId();
                Instant instant = Instant.now().truncatedTo(ChronoUnit.MICROS);
                String at = instant.toString();
                SecretKey data = aesKey();
                byte[] wrapped = seal(wrapping, data.getEncoded(), "contact:" + id + "/data-key");
                write.accept("contacts_contact", id + "\t" + account + "\t1\t" + bytea(wrapped) + "\t1\t"
                        + bytea(hmac(blind, email)) + "\t" + bytea(seal(data, email.getBytes(StandardCharsets.UTF_8),
                        "contact:" + id + "/email")) + "\t\\N\t\\N\tIMPORT\t3\t" + at + "\t" + at + "\t0\n");
                write.accept("contacts_field", id + "\tfirstName\t" + bytea(seal(data,
                        ("Anna" + i).getBytes(StandardCharsets.UTF_8), "contact:" + id + "/field:firstName")) + "\n");
                write.accept("contacts_subscription", subscription + "\t" + account + "\t" + id + "\t" + list
                        + "\tEMAIL\tCONFIRMED\tIMPORT\t" + at + "\timport:" + importId + "\t" + at + "\t" + at + "\t0\n");
                for (String action : List.of("SUBSCRIBED", "CONFIRMED")) {
                    String detail = "{\"at\":\"" + at + "\",\"channel\":\"EMAIL\",\"integration\":\"import:" + importId
                            + "\",\"list\":\"import\",\"source\":\"IMPORT\",\"status\":\"CONFIRMED\",\"subscriptionId\":\""
                            + subscription + "\"}";
                    seq++;
                    sha.update((account + "|" + seq + "|" + at + "|" + id + "|" + action + "|" + actor + "|" + detail)
                            .getBytes(StandardCharsets.UTF_8));
                    if (previous != null) {
                        sha.update(previous);
                    }
                    byte[] hash = sha.digest();
                    entry.reset();
                    binaryRow(fields, account, seq, instant, id, action, actor, detail, previous, hash);
                    entry.writeTo(binaryOut);
                    written.get(BINARY_TABLE)[0] += entry.size();
                    previous = hash;
                }
            }
            for (String table : TABLES) {
                offsets.get(table)[chunks] = written.get(table)[0];
            }
        } finally {
            for (BufferedWriter w : out.values()) {
                w.close();
            }
            binaryOut.close();
        }
        return new Encrypted(files, offsets);
    }

    /**
     * An audit entry as a row of COPY's binary format, the columns of {@link #COLUMNS}' audit table in their order:
     * each field its length and its binary form (ids as 16 bytes, the time as microseconds since 2000, texts in
     * UTF-8, the detail as jsonb's version byte and its text, hashes as their bytes, -1 for null).
     */
    private static void binaryRow(DataOutputStream out, UUID account, long seq, Instant at, UUID subscriber,
                                  String action, String actor, String detail, byte[] previous, byte[] hash)
            throws IOException {
        out.writeShort(9);
        uuid(out, account);
        out.writeInt(8);
        out.writeLong(seq);
        out.writeInt(8);
        out.writeLong((at.getEpochSecond() - POSTGRES_EPOCH) * 1_000_000L + at.getNano() / 1_000);
        uuid(out, subscriber);
        bytes(out, action.getBytes(StandardCharsets.UTF_8));
        bytes(out, actor.getBytes(StandardCharsets.UTF_8));
        byte[] json = detail.getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length + 1);
        out.writeByte(1);
        out.write(json);
        if (previous == null) {
            out.writeInt(-1);
        } else {
            bytes(out, previous);
        }
        bytes(out, hash);
    }

    private static void uuid(DataOutputStream out, UUID id) throws IOException {
        out.writeInt(16);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    /**
     * Makes the four tables in the ceiling's database as the server's: columns with their types, defaults (and
     * sequences), not-null, checks, primary and unique keys, the foreign keys, and every other index.
     */
    private static void makeTables(Connection server, Connection raw, UUID account, UUID list) throws SQLException {
        List<String> after = new ArrayList<>();
        try (Statement s = raw.createStatement()) {
            for (String table : TABLES) {
                s.execute("drop table if exists " + table + " cascade");
            }
            for (String table : TABLES) {
                List<String> columns = new ArrayList<>();
                try (PreparedStatement q = server.prepareStatement("""
                        select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                               pg_get_expr(d.adbin, d.adrelid)
                          from pg_attribute a
                          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                         where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped
                         order by a.attnum""")) {
                    q.setString(1, "public." + table);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            String def = rs.getString(4);
                            if (def != null && def.startsWith("nextval('")) {
                                String sequence = def.substring(9, def.indexOf('\'', 9)).replace("public.", "");
                                s.execute("create sequence if not exists " + sequence);
                                def = "nextval('" + sequence + "'::regclass)";
                            }
                            columns.add(rs.getString(1) + " " + rs.getString(2) + (rs.getBoolean(3) ? " not null" : "")
                                    + (def == null ? "" : " default " + def));
                        }
                    }
                }
                s.execute("create table " + table + " (" + String.join(", ", columns) + ")");
                copyStatisticsSettings(server, s, table);
                List<String> constraintIndexes = new ArrayList<>();
                try (PreparedStatement q = server.prepareStatement("""
                        select c.conname, c.contype, pg_get_constraintdef(c.oid), r.relname,
                               (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ')
                                  from pg_attribute a where a.attrelid = c.confrelid and a.attnum = any(c.confkey)),
                               (select string_agg(a.attname, ', ')
                                  from pg_attribute a where a.attrelid = c.confrelid and a.attnum = any(c.confkey))
                          from pg_constraint c left join pg_class r on r.oid = c.confrelid
                         where c.conrelid = ?::regclass and c.contype in ('p', 'u', 'c', 'f')
                         order by c.contype desc""")) {
                    q.setString(1, "public." + table);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            String add = "alter table " + table + " add constraint " + rs.getString(1) + " "
                                    + rs.getString(3).replace("public.", "");
                            constraintIndexes.add(rs.getString(1));
                            if (!"f".equals(rs.getString(2))) {
                                s.execute(add);
                                continue;
                            }
                            String referenced = rs.getString(4);
                            if (!TABLES.contains(referenced)) {
                                s.execute("create table if not exists " + referenced + " (" + rs.getString(5)
                                        + ", primary key (" + rs.getString(6) + "))");
                                // The one row: a list's id is the list, any other referenced column the account.
                                List<String> values = new ArrayList<>();
                                for (String column : rs.getString(6).split(", ")) {
                                    values.add("'" + (referenced.contains("list") && column.equals("id") ? list
                                            : account) + "'");
                                }
                                s.execute("insert into " + referenced + " (" + rs.getString(6) + ") values ("
                                        + String.join(", ", values) + ") on conflict do nothing");
                            }
                            after.add(add);
                        }
                    }
                }
                try (PreparedStatement q = server.prepareStatement(
                        "select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = ?")) {
                    q.setString(1, table);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            if (!constraintIndexes.contains(rs.getString(1))) {
                                s.execute(rs.getString(2).replace(" ON public.", " ON "));
                            }
                        }
                    }
                }
            }
            for (String fk : after) {
                s.execute(fk);
            }
            s.execute("analyze");
        }
    }

    /**
     * The server's per-column statistics targets ({@code set statistics}, V276: none on the sealed values, keys,
     * hashes and the audit detail) and the table's storage parameters (the audit table analysed after 10 % growth):
     * without them, autovacuum's analyzes during the ceiling's COPYs would cost more than the server's do. A column
     * at the default has no target of its own (-1 before PostgreSQL 17, null from 17 on) and is left so.
     */
    private static void copyStatisticsSettings(Connection server, Statement raw, String table) throws SQLException {
        try (PreparedStatement q = server.prepareStatement("""
                select a.attname, a.attstattarget from pg_attribute a
                 where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped
                   and a.attstattarget is not null and a.attstattarget >= 0""")) {
            q.setString(1, "public." + table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    raw.execute("alter table " + table + " alter column " + rs.getString(1) + " set statistics "
                            + rs.getInt(2));
                }
            }
        }
        try (PreparedStatement q = server.prepareStatement(
                "select option_name, option_value from pg_options_to_table("
                        + "(select reloptions from pg_class where oid = ?::regclass))")) {
            q.setString(1, "public." + table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    raw.execute("alter table " + table + " set (" + rs.getString(1) + " = '"
                            + rs.getString(2).replace("'", "''") + "')");
                }
            }
        }
    }

    /** A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, as the server's ids. */
    private static UUID timeOrderedId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8)
                | (random[1] & 0xFFL);
        long low = 0;
        for (int i = 2; i < 10; i++) {
            low |= (random[i] & 0xFFL) << ((9 - i) * 8);
        }
        return new UUID(high, low & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L);
    }

    private static SecretKey aesKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, RANDOM);
        return generator.generateKey();
    }

    private static byte[] seal(SecretKey key, byte[] plain, String place) throws Exception {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return out;
    }

    private static byte[] hmac(SecretKey key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String bytea(byte[] bytes) {
        return "\\\\x" + HEX.formatHex(bytes);
    }
}
