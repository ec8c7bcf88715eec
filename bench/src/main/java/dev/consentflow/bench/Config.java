package dev.consentflow.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** What bench/run hands the tool: where the server, the database and the sink are, and how big to run. */
record Config(String server, String adminKey, String publicUrl, Path serverLog, Path repo,
              String pgAdminUrl, String appJdbcUrl, String jdbcUser, String jdbcPassword,
              String sinkHost, int sinkPort, Path sinkDump, Path sinkCounter, String sinkKind,
              String sinkNote, String serverPid, String postgresPid, String sinkPid, int awaitServerSeconds,
              boolean quick, Set<String> only, String runId) {

    static Map<String, String> options(String[] args, int from) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    static Config from(Map<String, String> o) {
        String only = o.getOrDefault("only", "");
        return new Config(o.get("server"), o.get("admin-key"), o.getOrDefault("public-url", o.get("server")),
                Path.of(o.getOrDefault("server-log", "/dev/null")), Path.of(o.getOrDefault("repo", ".")),
                o.get("pg-admin-url"), o.get("app-jdbc-url"), o.getOrDefault("jdbc-user", "postgres"),
                o.getOrDefault("jdbc-password", ""),
                o.getOrDefault("sink-host", "127.0.0.1"), Integer.parseInt(o.get("sink-port")),
                Path.of(o.get("sink-dump")), Path.of(o.get("sink-counter")), o.getOrDefault("sink-kind", "smtp-sink"),
                o.get("sink-note"), o.get("server-pid"), o.get("pg-pid"), o.get("sink-pid"), Integer.parseInt(o.getOrDefault("await-server", "0")),
                Boolean.parseBoolean(o.getOrDefault("quick", "false")),
                only.isBlank() ? Set.of() : Set.of(only.split(",")),
                o.getOrDefault("run-id", Long.toString(System.currentTimeMillis() / 1000, 36)));
    }

    boolean selected(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    /** Picks the quick or the normal size. */
    int size(int quickSize, int normalSize) {
        return quick ? quickSize : normalSize;
    }
}
