package dev.consentflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * import: a CSV through POST /api/imports (consent CONFIRMED), timed until the import reports its counts;
 * against two ceilings on the same PostgreSQL: COPY of the CSV's rows into a plain two-column table
 * ({@code raw_per_s}, what the database's bulk path can take at all), and COPY of the rows the import ends with,
 * already encrypted, into tables with the server's own columns, keys and indexes ({@code fair_raw_per_s}, the
 * fair one, see {@link ImportCeiling}; {@code fair_ratio} = app / fair).
 */
final class ImportBench {

    private static final Set<String> DONE = Set.of("DONE", "COMPLETED", "FINISHED", "FAILED", "SUCCEEDED", "IMPORTED");

    private ImportBench() {
    }

    static void run(Fixture f) throws Exception {
        Config c = f.config;
        // BENCH_IMPORT_ROWS runs another size (a slow or shared machine, a quick look at a middle size).
        String override = System.getenv("BENCH_IMPORT_ROWS");
        int rows = override != null && !override.isBlank() ? Integer.parseInt(override.strip())
                : c.size(5000, 1_000_000);
        byte[] csv = csv(c, rows);
        Report report = Report.of("import").put("n", rows).put("csv_bytes", csv.length);
        Bench.guardedRaw(report, () -> raw(f, report, rows, csv));
        String skip = Bench.guarded(f, "import", () -> app(f, report, rows, csv));
        if (skip != null) {
            report.put("skipped", skip);
        }
        try {
            ImportCeiling.run(f, report, rows);
        } catch (Exception e) {
            Log.info("import: the fair ceiling failed: " + e);
            e.printStackTrace();
            report.put("fair_raw_error", e.toString());
        }
        if (report.get("app_per_s") instanceof Number app && report.get("fair_raw_per_s") instanceof Number fair
                && fair.doubleValue() > 0) {
            report.put("fair_ratio", Report.round(app.doubleValue() / fair.doubleValue(), 3));
        }
        report.ratio("app_per_s", "raw_per_s").emit();
    }

    private static byte[] csv(Config c, int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 48);
        out.writeBytes("email,firstName\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            out.writeBytes(("import-" + c.runId() + "-" + i + "@bench.test,Anna" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void raw(Fixture f, Report report, int rows, byte[] csv) throws Exception {
        Database.Target target = f.db.raw();
        try (Connection conn = f.db.connect(target.jdbcUrl()); Statement s = conn.createStatement()) {
            s.execute("drop table if exists raw_import");
            s.execute("create table raw_import (email text not null, first_name text)");
            long start = System.nanoTime();
            Cpu.Snapshot cpu = f.cpu.snapshot();
            long copied = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy raw_import (email, first_name) from stdin with (format csv, header true)",
                    new ByteArrayInputStream(csv));
            report.rate("raw_per_s", copied, System.nanoTime() - start).put("raw_cpu", f.cpu.since(cpu));
        }
    }

    private static String app(Fixture f, Report report, int rows, byte[] csv) throws Exception {
        String skip = f.list("import");
        if (skip != null) {
            return skip;
        }
        Map<String, Long> databaseBefore = database(f);
        long start = System.nanoTime();
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Api.Answer created = f.api.postMultipart("/api/imports",
                new String[][] {{"list", f.listKey("import")}, {"consent", "CONFIRMED"}}, "file", "bench.csv", csv);
        if (!created.ok()) {
            return "POST /api/imports answered " + created.brief();
        }
        long uploaded = System.nanoTime();
        Long firstChunk = null;
        String id = created.json().path("id").asText();
        long deadline = System.currentTimeMillis() + (f.config.quick() ? 60_000 : 3_600_000);
        JsonNode state = f.api.get("/api/imports/" + id).json();
        Waits waits = Waits.open(f);
        while (!finished(state, rows) && System.currentTimeMillis() < deadline) {
            if (firstChunk == null && state.path("done").asLong() > 0) {
                firstChunk = System.nanoTime();
            }
            Thread.sleep(250);
            waits.sample();
            state = f.api.get("/api/imports/" + id).json();
        }
        waits.close();
        report.put("cpu", f.cpu.since(cpu));
        // Where the time went, to tell one run's figure from another's (the import's figure has been bimodal): the
        // upload (POST until its answer: the file read, checked and stored), the wait until the first chunk was
        // committed, and what PostgreSQL did meanwhile (checkpoints, WAL, autovacuum's rounds on the import's
        // tables) beside the rows those tables held before.
        report.put("upload_s", Report.round((uploaded - start) / 1e9, 2));
        if (firstChunk != null) {
            report.put("first_chunk_s", Report.round((firstChunk - start) / 1e9, 2));
        }
        Map<String, Long> databaseAfter = database(f);
        if (!databaseBefore.isEmpty() && !databaseAfter.isEmpty()) {
            Map<String, Object> during = new LinkedHashMap<>();
            databaseAfter.forEach((key, value) -> {
                if (!key.endsWith("_before")) {
                    during.put(key, value - databaseBefore.getOrDefault(key, 0L));
                }
            });
            during.put("table_rows_before", databaseBefore.get("table_rows_before"));
            report.put("db_during", during);
        }
        if (waits.samples > 0) {
            report.put("db_wait_samples", waits.samples).put("db_waits", waits.counts);
        }
        long imported = state.path("imported").asLong() + state.path("updated").asLong();
        report.rate("app_per_s", imported, System.nanoTime() - start).put("status", state.path("status").asText())
                .put("imported", state.path("imported").asLong()).put("updated", state.path("updated").asLong())
                .put("unchanged", state.path("unchanged").asLong()).put("rejected", state.path("rejected").asLong())
                .put("rows", state.path("rows").asLong());
        return null;
    }

    /**
     * PostgreSQL's counters that the import moves: checkpoints (PostgreSQL 17's pg_stat_checkpointer, else
     * pg_stat_bgwriter), WAL bytes, autovacuum's vacuums and analyzes of the import's four tables, and the rows those
     * tables held (estimated); empty when they cannot be read.
     */
    private static Map<String, Long> database(Fixture f) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = f.db.connect(f.config.appJdbcUrl()); Statement s = c.createStatement()) {
            String checkpoints;
            try (ResultSet rs = s.executeQuery("select to_regclass('pg_catalog.pg_stat_checkpointer') is not null")) {
                rs.next();
                checkpoints = rs.getBoolean(1)
                        ? "select num_timed + num_requested from pg_stat_checkpointer"
                        : "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter";
            }
            try (ResultSet rs = s.executeQuery(checkpoints)) {
                rs.next();
                out.put("checkpoints", rs.getLong(1));
            }
            try (ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
                rs.next();
                out.put("wal_mb", rs.getLong(1) / (1024 * 1024));
            }
            try (ResultSet rs = s.executeQuery("""
                    select coalesce(sum(autovacuum_count), 0), coalesce(sum(autoanalyze_count), 0),
                           coalesce(sum(n_live_tup), 0)
                      from pg_stat_user_tables
                     where relname in ('contacts_contact', 'contacts_field', 'contacts_subscription',
                                       'consent_audit_entry')""")) {
                rs.next();
                out.put("autovacuums", rs.getLong(1));
                out.put("autoanalyzes", rs.getLong(2));
                out.put("table_rows_before", rs.getLong(3));
            }
        } catch (SQLException e) {
            Log.info("import: PostgreSQL's counters could not be read: " + e.getMessage());
            out.clear();
        }
        return out;
    }

    /**
     * What the import's database sessions were doing, sampled every 250 ms while it ran ({@code db_waits}: how many
     * sessions were seen in each state over {@code db_wait_samples} samples): {@code CPU} (running, no wait event),
     * a wait event as {@code type:event} ({@code Lock:advisory} is the audit chain's lock, {@code IO:WalSync} a commit's
     * flush, {@code Client:ClientRead} a session waiting for the server's next statement), and autovacuum's workers
     * on the database as {@code autovacuum worker:...}; {@code idle in transaction:...} is a transaction left open while
     * the server computes (a chunk's audit entries are hashed under the chain's lock). A run bound by the chain's lock
     * shows many advisory waits; one bound by CPU, mostly {@code CPU}. Nothing when pg_stat_activity cannot be read.
     */
    private static final class Waits {
        private final Connection connection;
        private final Map<String, Long> counts = new java.util.TreeMap<>();
        private int samples;

        private Waits(Connection connection) {
            this.connection = connection;
        }

        static Waits open(Fixture f) {
            try {
                return new Waits(f.db.connect(f.config.appJdbcUrl()));
            } catch (SQLException e) {
                Log.info("import: pg_stat_activity cannot be sampled: " + e.getMessage());
                return new Waits(null);
            }
        }

        void sample() {
            if (connection == null) {
                return;
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                    select case when backend_type <> 'client backend' then backend_type || ':'
                                when state = 'active' then '' else state || ':' end
                           || coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*)
                      from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid()
                       and (state in ('active', 'idle in transaction') or backend_type <> 'client backend')
                     group by 1""")) {
                while (rs.next()) {
                    counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
                samples++;
            } catch (SQLException e) {
                Log.info("import: pg_stat_activity sample failed: " + e.getMessage());
            }
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // the numbers are taken
                }
            }
        }
    }

    private static boolean finished(JsonNode state, int rows) {
        long counted = state.path("imported").asLong() + state.path("updated").asLong() + state.path("rejected").asLong();
        return DONE.contains(state.path("status").asText("").toUpperCase()) || counted >= rows;
    }
}
