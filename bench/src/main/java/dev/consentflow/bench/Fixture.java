package dev.consentflow.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scenarios share in one run: the API, the sink, the database, the bare engine (started once, when a
 * scenario first needs it), the bench's list, and what one scenario leaves for the next (the signups' addresses
 * for the confirmations).
 */
final class Fixture implements AutoCloseable {

    static final String IP = "203.0.113.7";

    final Config config;
    final Api api;
    final Sink sink;
    final Database db;
    final EngineSettings settings;
    final Cpu cpu;
    private RawEngine raw;
    private final Map<String, String> lists = new java.util.HashMap<>();
    private Boolean sendAt;

    /** Why the server cannot be measured (it did not become healthy), or null. */
    volatile String serverProblem;

    /** Set by signup: the addresses that were accepted, or why there are none. */
    List<String> signupAddresses = List.of();
    String signupSkip = "signup did not run";

    Fixture(Config config) {
        this.config = config;
        this.api = new Api(config.server(), config.adminKey());
        this.sink = new Sink(config.sinkDump(), config.sinkCounter());
        this.db = new Database(config);
        this.settings = EngineSettings.of(config.repo());
        this.cpu = new Cpu(config.serverPid(), config.postgresPid(), config.sinkPid());
    }

    /** The key of a scenario's own list, so one scenario's contacts never join another's campaign. */
    String listKey(String scenario) {
        return "bench-" + config.runId() + "-" + scenario;
    }

    /** Creates a scenario's list once; answers null when it exists, else why it cannot. */
    synchronized String list(String scenario) throws Exception {
        if (!lists.containsKey(scenario)) {
            Api.Answer a = api.postJson("/api/lists", Map.of("key", listKey(scenario),
                    "name", "Bench " + config.runId() + " " + scenario, "brand", "bench"));
            lists.put(scenario, a.ok() ? "" : "POST /api/lists answered " + a.brief());
        }
        String skip = lists.get(scenario);
        return skip.isEmpty() ? null : skip;
    }

    synchronized RawEngine raw() throws Exception {
        if (raw == null) {
            raw = RawEngine.start(db.raw(), config, settings);
        }
        return raw;
    }

    /** The server's side of a scenario: answers why it did not run, or null. */
    @FunctionalInterface
    interface Step {
        String run() throws Exception;
    }

    record Seeded(List<String> ids, Load.Result load, String skipped) {
    }

    /**
     * n confirmed contacts on the bench's list through POST /api/subscriptions with "confirmed": true, as an
     * integration that already holds the consent sends them. Answers their subscriber ids in index order.
     */
    Seeded subscribe(String scenario, String prefix, int n, int threads) throws Exception {
        String skip = list(scenario);
        if (skip != null) {
            return new Seeded(List.of(), null, skip);
        }
        Api.Answer probe = subscribe(scenario, prefix + 0);
        if (!probe.ok()) {
            return new Seeded(List.of(), null, "POST /api/subscriptions answered " + probe.brief());
        }
        List<String> ids = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(n, (String) null)));
        ids.set(0, probe.json().path("subscriberId").asText(null));
        Log.info("seeding " + n + " confirmed contacts " + prefix + "N through POST /api/subscriptions");
        Load.Result load = Load.run(n - 1, threads, i -> {
            Api.Answer a = subscribe(scenario, prefix + (i + 1));
            if (a.ok()) {
                ids.set(i + 1, a.json().path("subscriberId").asText(null));
            }
            return a.status();
        });
        List<String> found = new ArrayList<>();
        for (String id : ids) {
            if (id != null) {
                found.add(id);
            }
        }
        return new Seeded(found, load, null);
    }

    /**
     * n confirmed contacts on a scenario's list, through POST /api/imports (consent CONFIRMED) when the server
     * offers it, the fast way; else through POST /api/subscriptions. Answers how many and how fast; no ids.
     */
    Seeded seedConfirmed(String scenario, String prefix, int n, int threads) throws Exception {
        String skip = list(scenario);
        if (skip != null) {
            return new Seeded(List.of(), null, skip);
        }
        StringBuilder csv = new StringBuilder("email,firstName\n");
        for (int i = 0; i < n; i++) {
            csv.append(prefix).append(i).append("@bench.test,Anna").append(i).append('\n');
        }
        long start = System.nanoTime();
        Api.Answer created = api.postMultipart("/api/imports", new String[][] {{"list", listKey(scenario)},
                {"consent", "CONFIRMED"}}, "file", "seed.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!created.ok()) {
            Log.info("no import (" + created.brief() + "): seeding through POST /api/subscriptions");
            return subscribe(scenario, prefix, n, threads);
        }
        String id = created.json().path("id").asText();
        Log.info("seeding " + n + " confirmed contacts " + prefix + "N through POST /api/imports");
        long deadline = System.currentTimeMillis() + 3_600_000;
        long imported = 0;
        while (System.currentTimeMillis() < deadline) {
            var state = api.get("/api/imports/" + id).json();
            imported = state.path("imported").asLong() + state.path("updated").asLong();
            if (imported + state.path("rejected").asLong() >= n
                    || state.path("status").asText("").matches("(?i)done|completed|finished|failed")) {
                break;
            }
            Thread.sleep(250);
        }
        long nanos = System.nanoTime() - start;
        List<String> counted = Collections.nCopies((int) imported, "");
        return new Seeded(counted, new Load.Result(n, nanos, new org.HdrHistogram.Histogram(3), Map.of(), null), null);
    }

    private Api.Answer subscribe(String scenario, String local) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", local + "@bench.test");
        body.put("list", listKey(scenario));
        body.put("fields", Map.of("firstName", "Anna"));
        body.put("confirmed", true);
        body.put("ip", IP);
        if (sendAt == null || sendAt) {
            body.put("at", Instant.now().toString());
        }
        Api.Answer a = api.postJson("/api/subscriptions", body);
        if (sendAt == null) {
            if (a.status() == 400) {
                // "at" is named in API.md's prose only; a server that does not take it refuses the field.
                body.remove("at");
                Api.Answer without = api.postJson("/api/subscriptions", body);
                sendAt = !without.ok();
                return sendAt ? a : without;
            }
            sendAt = true;
        }
        return a;
    }

    @Override
    public synchronized void close() {
        if (raw != null) {
            raw.close();
        }
        db.dropRaw();
    }
}
