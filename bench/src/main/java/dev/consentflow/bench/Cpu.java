package dev.consentflow.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU went during a measurement, from /proc: cores used by the server, PostgreSQL (the postmaster,
 * its backends, and the backends that ended), the sink and the bench tool, the whole machine, and "other", the
 * rest of the machine (other people's builds on a shared box). What saturates tells what limits the scenario.
 */
final class Cpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on Linux

    /** The processes to watch, by name; a null pid is left out. */
    private final Map<String, Long> watched = new LinkedHashMap<>();

    Cpu(String serverPid, String postgresPid, String sinkPid) {
        put("server", serverPid);
        put("postgres", postgresPid);
        put("sink", sinkPid);
        watched.put("bench", ProcessHandle.current().pid());
    }

    private void put(String name, String pid) {
        if (pid != null && pid.matches("\\d+")) {
            watched.put(name, Long.parseLong(pid));
        }
    }

    record Snapshot(long nanos, Map<String, Long> ticks, long machineBusy) {
    }

    Snapshot snapshot() {
        Map<Long, long[]> all = processes();
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (var e : watched.entrySet()) {
            long pid = e.getValue();
            long sum = 0;
            for (var p : all.entrySet()) {
                long[] v = p.getValue(); // ppid, own ticks, reaped children's ticks
                if (p.getKey() == pid) {
                    sum += v[1] + v[2];
                } else if (v[0] == pid) {
                    sum += v[1];
                }
            }
            ticks.put(e.getKey(), sum);
        }
        return new Snapshot(System.nanoTime(), ticks, machineBusy());
    }

    /**
     * Cores used by each watched process group since the snapshot, and by the machine and the rest of it; null
     * for a window under a second, where the kernel's 10 ms ticks say nothing.
     */
    Map<String, Double> since(Snapshot before) {
        Snapshot now = snapshot();
        double seconds = (now.nanos() - before.nanos()) / 1e9;
        if (seconds < 1.0) {
            return null;
        }
        Map<String, Double> cores = new LinkedHashMap<>();
        double watchedSum = 0;
        for (var e : now.ticks().entrySet()) {
            double used = (e.getValue() - before.ticks().getOrDefault(e.getKey(), 0L)) / TICKS_PER_SECOND / seconds;
            cores.put(e.getKey(), Report.round(used, 2));
            watchedSum += used;
        }
        double machine = (now.machineBusy() - before.machineBusy()) / TICKS_PER_SECOND / seconds;
        cores.put("machine", Report.round(machine, 2));
        cores.put("other", Report.round(Math.max(0, machine - watchedSum), 2));
        return cores;
    }

    private static Map<Long, long[]> processes() {
        Map<Long, long[]> all = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the command: state ppid ... utime(11) stime(12) cutime(13) cstime(14), 0-based from state
                    all.put(Long.parseLong(dir.getFileName().toString()), new long[] {Long.parseLong(f[1]),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])});
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return all;
        }
        return all;
    }

    /** Busy ticks of all cores: everything in the first line of /proc/stat but idle and iowait. */
    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            return 0;
        }
    }
}
