package dev.consentflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
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
        long start = System.nanoTime();
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Api.Answer created = f.api.postMultipart("/api/imports",
                new String[][] {{"list", f.listKey("import")}, {"consent", "CONFIRMED"}}, "file", "bench.csv", csv);
        if (!created.ok()) {
            return "POST /api/imports answered " + created.brief();
        }
        String id = created.json().path("id").asText();
        long deadline = System.currentTimeMillis() + (f.config.quick() ? 60_000 : 3_600_000);
        JsonNode state = f.api.get("/api/imports/" + id).json();
        while (!finished(state, rows) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            state = f.api.get("/api/imports/" + id).json();
        }
        report.put("cpu", f.cpu.since(cpu));
        long imported = state.path("imported").asLong() + state.path("updated").asLong();
        report.rate("app_per_s", imported, System.nanoTime() - start).put("status", state.path("status").asText())
                .put("imported", state.path("imported").asLong()).put("updated", state.path("updated").asLong())
                .put("unchanged", state.path("unchanged").asLong()).put("rejected", state.path("rejected").asLong())
                .put("rows", state.path("rows").asLong());
        return null;
    }

    private static boolean finished(JsonNode state, int rows) {
        long counted = state.path("imported").asLong() + state.path("updated").asLong() + state.path("rejected").asLong();
        return DONE.contains(state.path("status").asText("").toUpperCase()) || counted >= rows;
    }
}
