package dev.consentflow.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For measurements (*Bench classes) only: what a piece of work cost, independent of how loaded the machine is.
 * CPU time of this JVM (by thread group) and of the PostgreSQL cluster the server uses (its postmaster, every
 * backend and background process, and the children that ended meanwhile), WAL written, transactions, and rows
 * written per table (inserted, updated, of which HOT, deleted), from PostgreSQL's own statistics.
 */
public final class CostMeter {

    private static final long TICK_NANOS = 10_000_000L; // USER_HZ 100 on Linux

    private final JdbcClient jdbc;
    private final long postmaster;

    public CostMeter(JdbcClient jdbc) {
        this.jdbc = jdbc;
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        this.postmaster = stat(backend)[3];
    }

    /** What was counted at one moment. */
    public record Snapshot(long pgCpuNanos, long jvmCpuNanos, Map<String, Long> threadCpuNanos, String walLsn,
                           long walRecords, long walFpi, long commits, Map<String, long[]> tables) {
    }

    public Snapshot snapshot() {
        jdbc.sql("select pg_stat_clear_snapshot()").query().listOfRows();
        String lsn = jdbc.sql("select pg_current_wal_lsn()::text").query(String.class).single();
        Map<String, Object> wal = jdbc.sql("select wal_records, wal_fpi from pg_stat_wal").query().singleRow();
        long commits = jdbc.sql("select xact_commit from pg_stat_database where datname = current_database()")
                .query(Long.class).single();
        Map<String, long[]> tables = new TreeMap<>();
        jdbc.sql("""
                        select relname as name, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
                          from pg_stat_all_tables where schemaname = 'public'
                        """)
                .query(rs -> {
                    tables.put(rs.getString("name"), new long[] {rs.getLong("n_tup_ins"), rs.getLong("n_tup_upd"),
                            rs.getLong("n_tup_hot_upd"), rs.getLong("n_tup_del")});
                });
        // The TOAST tables, named after their owner.
        jdbc.sql("""
                        select 'toast:' || t.relname as name, a.n_tup_ins, a.n_tup_upd, a.n_tup_hot_upd, a.n_tup_del
                          from pg_stat_all_tables a join pg_class t on t.reltoastrelid = a.relid
                         where a.schemaname = 'pg_toast'
                        """)
                .query(rs -> {
                    tables.put(rs.getString("name"), new long[] {rs.getLong("n_tup_ins"), rs.getLong("n_tup_upd"),
                            rs.getLong("n_tup_hot_upd"), rs.getLong("n_tup_del")});
                });
        return new Snapshot(pgCpu(), jvmCpu(), threadCpu(), lsn, ((Number) wal.get("wal_records")).longValue(),
                ((Number) wal.get("wal_fpi")).longValue(), commits, tables);
    }

    /** Rows written per table between two snapshots: inserted, updated, of which HOT, deleted. */
    public static Map<String, long[]> rowsWritten(Snapshot from, Snapshot to) {
        Map<String, long[]> written = new TreeMap<>();
        to.tables().forEach((table, counts) -> {
            long[] was = from.tables().getOrDefault(table, new long[4]);
            written.put(table, new long[] {counts[0] - was[0], counts[1] - was[1], counts[2] - was[2],
                    counts[3] - was[3]});
        });
        return written;
    }

    /** WAL bytes between two snapshots. */
    public long walBytes(Snapshot from, Snapshot to) {
        return jdbc.sql("select pg_wal_lsn_diff(cast(:to as pg_lsn), cast(:from as pg_lsn))::bigint")
                .param("to", to.walLsn()).param("from", from.walLsn()).query(Long.class).single();
    }

    /** The indexes of these tables, as PostgreSQL has them. */
    public List<String> indexes(String... tables) {
        return jdbc.sql("select indexdef from pg_indexes where tablename in (:tables) order by tablename, indexname")
                .param("tables", List.of(tables)).query(String.class).list();
    }

    /** Thread CPU between two snapshots, by thread group (the name with its numbers left out), largest first. */
    public static Map<String, Long> threadCpu(Snapshot from, Snapshot to) {
        Map<String, Long> groups = new HashMap<>();
        to.threadCpuNanos().forEach((key, nanos) -> {
            long delta = nanos - from.threadCpuNanos().getOrDefault(key, 0L);
            String group = key.substring(key.indexOf(' ') + 1).replaceAll("\\d+", "#");
            groups.merge(group, delta, Long::sum);
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static long jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long nanos = threads.getThreadCpuTime(id);
            if (info != null && nanos > 0) {
                cpu.put(id + " " + info.getThreadName(), nanos);
            }
        }
        return cpu;
    }

    /** The postmaster's own and its ended children's CPU, plus every live child's. */
    private long pgCpu() {
        long[] master = stat(postmaster);
        long ticks = master[0] + master[1] + master[4] + master[5];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] s = stat(Long.parseLong(name));
                if (s != null && s[3] == postmaster) {
                    ticks += s[0] + s[1];
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ticks * TICK_NANOS;
    }

    /** utime, stime, -, ppid, cutime, cstime of a process (null when it is gone). */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), 0, Long.parseLong(f[1]),
                    Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
