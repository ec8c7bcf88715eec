package dev.consentflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * For {@code *Bench} measurements, never for tests: PostgreSQL's own view of what a bench ran, per statement
 * (pg_stat_statements: calls, plans, times, rows, blocks, WAL), per table and index, and the WAL.
 * <p>
 * The embedded PostgreSQL of a test JVM starts without pg_stat_statements, which must be loaded when the server
 * starts. {@link #preloadInThisJvm()}, called before the Spring context starts (a static initializer), makes this
 * JVM's cluster (the test profile's {@code target/test-data/jvm-PID}) once with the same binaries and sets, in its
 * {@code postgresql.auto.conf}, the library, planning times and I/O timing; the server's own start then reuses that
 * data directory. Against {@code SPRING_DATASOURCE_URL} the server must have been started so by hand.
 */
public final class PgStatistics {

    private final JdbcClient superuser;

    private PgStatistics(JdbcClient superuser) {
        this.superuser = superuser;
    }

    /** Makes this JVM's embedded cluster with pg_stat_statements loaded, unless it exists already. */
    public static void preloadInThisJvm() {
        Path dataDir = Path.of("target", "test-data", "jvm-" + ProcessHandle.current().pid(), "postgres");
        if (Files.exists(dataDir)) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
                 Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
                s.execute("alter system set pg_stat_statements.track = 'all'");
                s.execute("alter system set pg_stat_statements.track_planning = on");
                s.execute("alter system set track_io_timing = on");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The statistics of the server's database, read as the embedded cluster's superuser (the server's role may
     * not reset them), or as the server's role when that is not possible; null when pg_stat_statements is not loaded.
     */
    public static PgStatistics of(DataSource server) {
        try {
            String url;
            try (Connection c = server.getConnection()) {
                url = c.getMetaData().getURL();
            }
            Connection c = DriverManager.getConnection(url.replaceAll("user=[^&]*", "user=postgres"));
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
            jdbc.sql("create extension if not exists pg_stat_statements").update();
            return new PgStatistics(jdbc);
        } catch (SQLException | RuntimeException e) {
            try {
                JdbcClient jdbc = JdbcClient.create(server);
                jdbc.sql("select count(*) from pg_stat_statements").query(Long.class).single();
                return new PgStatistics(jdbc);
            } catch (RuntimeException none) {
                return null;
            }
        }
    }

    /** Empties the statement, WAL and I/O statistics. */
    public void reset() {
        superuser.sql("select pg_stat_statements_reset()").query().singleValue();
        superuser.sql("select pg_stat_reset_shared('wal')").query().singleValue();
    }

    /** Runs a checkpoint: from then on every page's first change shows as a full-page image (when those are on). */
    public void checkpoint() {
        superuser.sql("checkpoint").update();
    }

    /**
     * Every statement of this database since {@link #reset()}, per operation (divided by {@code per}), the costliest
     * first: calls, plans (a statement planned once and then run from its cached plan has far fewer plans than
     * calls), execution and planning time, rows, blocks (hit + read, dirtied) and WAL (records, bytes, full pages).
     */
    public void printStatements(double per, int limit, Consumer<String> out) {
        out.accept(String.format("%8s %8s %8s %8s %8s %7s %7s %7s %8s %6s  %s", "calls", "plans", "exec_us",
                "plan_us", "rows", "blks", "dirtied", "walrec", "walB", "fpi", "query"));
        superuser.sql("""
                select calls, plans, total_exec_time, total_plan_time, rows,
                       shared_blks_hit + shared_blks_read as blocks, shared_blks_dirtied, wal_records, wal_bytes,
                       wal_fpi, regexp_replace(left(query, 150), '\\s+', ' ', 'g') as query
                  from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                 order by total_exec_time + total_plan_time desc limit :limit""").param("limit", limit).query(rs -> {
                    out.accept(String.format("%8.3f %8.3f %8.1f %8.1f %8.2f %7.1f %7.2f %7.2f %8.0f %6.3f  %s",
                            rs.getLong("calls") / per, rs.getLong("plans") / per,
                            rs.getDouble("total_exec_time") * 1000 / per, rs.getDouble("total_plan_time") * 1000 / per,
                            rs.getLong("rows") / per, rs.getLong("blocks") / per, rs.getLong("shared_blks_dirtied") / per,
                            rs.getLong("wal_records") / per, rs.getDouble("wal_bytes") / per, rs.getLong("wal_fpi") / per,
                            rs.getString("query")));
                });
        superuser.sql("""
                select sum(calls) calls, sum(plans) plans, sum(total_exec_time) exec, sum(total_plan_time) plan,
                       sum(wal_records) walrec, sum(wal_bytes) walb
                  from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                   and toplevel""").query(rs -> {
                    out.accept(String.format("%8.3f %8.3f %8.1f %8.1f %8s %7s %7s %7.2f %8.0f %6s  TOTAL (top-level)",
                            rs.getLong("calls") / per, rs.getLong("plans") / per, rs.getDouble("exec") * 1000 / per,
                            rs.getDouble("plan") * 1000 / per, "", "", "", rs.getLong("walrec") / per,
                            rs.getDouble("walb") / per, ""));
                });
    }

    /** The WAL since {@link #reset()}, per operation: records, full pages, bytes, writes and syncs of the WAL. */
    public void printWal(double per, Consumer<String> out) {
        superuser.sql("select wal_records, wal_fpi, wal_bytes, wal_buffers_full, wal_write, wal_sync from pg_stat_wal")
                .query(rs -> {
                    out.accept(String.format("wal records %.2f  fpi %.3f  bytes %.0f  buffers full %.3f  writes %.3f"
                                    + "  syncs %.3f", rs.getLong(1) / per, rs.getLong(2) / per, rs.getDouble(3) / per,
                            rs.getLong(4) / per, rs.getLong(5) / per, rs.getLong(6) / per));
                });
    }

    /**
     * Per table written (counters since the cluster started, so a bench prints them before and after and subtracts,
     * or reads them once after a phase): its indexes, and per index its scans. Row counts as {@code long[]} of
     * inserted, updated, HOT-updated, deleted.
     */
    public java.util.Map<String, long[]> tableWrites() {
        java.util.Map<String, long[]> out = new java.util.TreeMap<>();
        superuser.sql("select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del from pg_stat_user_tables")
                .query(rs -> {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                });
        return out;
    }

    /** Scans per index (counters since the cluster started), by "table.index". */
    public java.util.Map<String, Long> indexScans() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        superuser.sql("select relname, indexrelname, idx_scan from pg_stat_user_indexes").query(rs -> {
            out.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
        });
        return out;
    }

    /**
     * How many indexes each table has without a predicate (each insert, and each update that is not HOT, writes one
     * entry in each; a partial index only for the rows it keeps), and how many with one: {full, partial}.
     */
    public java.util.Map<String, long[]> indexCounts() {
        java.util.Map<String, long[]> out = new java.util.TreeMap<>();
        superuser.sql("""
                select s.relname, count(*) filter (where i.indpred is null), count(*) filter (where i.indpred is not null)
                  from pg_stat_user_indexes s join pg_index i using (indexrelid) group by s.relname""").query(rs -> {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return out;
    }

    /** Makes PostgreSQL flush this connection's statistics at once, as backends do when idle. */
    public void flush() {
        superuser.sql("select pg_stat_force_next_flush()").query().singleValue();
    }
}
