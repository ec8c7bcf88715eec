package dev.consentflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * signup: 16 clients post JSON to a form, each post starting a double-opt-in instance and a confirmation mail;
 * against the bare engine starting as many one-task processes (an asyncBefore no-op task) on 16 threads, and,
 * the second ceiling, as many instances of the product's double-opt-in model with no-op steps
 * ({@link RawDoubleOptIn}), each to its wait for the click.
 */
final class SignupBench {

    static final int THREADS = 16;

    private SignupBench() {
    }

    static void run(Fixture f) throws Exception {
        Config c = f.config;
        int n = c.size(300, 5000);
        int warm = c.size(50, 500);
        Report report = Report.of("signup").put("n", n).put("threads", THREADS);
        Bench.guardedRaw(report, () -> raw(f, report, n, warm));
        Bench.guardedRaw(report, "process_raw", () -> processRaw(f, report, n, warm));
        String skip = Bench.guarded(f, "signup", () -> app(f, report, n, warm));
        if (skip != null) {
            f.signupSkip = skip;
            report.put("skipped", skip);
        }
        report.ratio("app_per_s", "raw_per_s").ratio("process_ratio", "app_per_s", "process_raw_per_s").emit();
    }

    private static void raw(Fixture f, Report report, int n, int warm) throws Exception {
        RawEngine raw = f.raw();
        var runtime = raw.engine.getRuntimeService();
        Load.run(warm, THREADS, i -> {
            runtime.startProcessInstanceByKey(RawEngine.ONE_TASK, "warm-" + i);
            return 1;
        });
        raw.awaitNoJobs(120_000);
        raw.analyze();
        Log.info("raw signup: starting " + n + " one-task instances on " + THREADS + " threads");
        long start = System.nanoTime();
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Load.Result r = Load.run(n, THREADS, i -> {
            runtime.startProcessInstanceByKey(RawEngine.ONE_TASK, "signup-" + i);
            return 1;
        });
        report.put("raw_cpu", f.cpu.since(cpu));
        long done = raw.awaitNoJobs(f.config.quick() ? 60_000 : 600_000);
        report.rate("raw_per_s", r.count(1), r.nanos()).latency("raw_", r.micros());
        if (done > 0) {
            report.rate("raw_done_per_s", n, done - start);
        }
        if (r.count(1) != n) {
            report.put("raw_errors", n - r.count(1)).put("raw_first_error", r.firstError());
        }
        report.put("raw_engine", raw.settings.describe());
    }

    /**
     * The second ceiling: the same 16 threads starting double-opt-in instances on the bare engine, as the server
     * starts them, each running register and send confirmation and waiting for the click or the reminder (1); an
     * instance that ended instead (2) or failed counts as an error.
     */
    private static void processRaw(Fixture f, Report report, int n, int warm) throws Exception {
        RawEngine raw = f.raw();
        RawDoubleOptIn process = raw.doubleOptIn();
        Load.run(warm, THREADS, i -> process.signUp().isEnded() ? 2 : 1);
        raw.analyze();
        Log.info("raw signup: starting " + n + " double-opt-in instances on " + THREADS + " threads");
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Load.Result r = Load.run(n, THREADS, i -> process.signUp().isEnded() ? 2 : 1);
        report.put("process_raw_cpu", f.cpu.since(cpu));
        report.rate("process_raw_per_s", r.count(1), r.nanos()).latency("process_raw_", r.micros())
                .put("process_raw_model", process.describe());
        if (r.count(1) != n) {
            report.put("process_raw_errors", n - r.count(1)).put("process_raw_outcomes", r.outcomeMap())
                    .put("process_raw_first_error", r.firstError());
        }
    }

    /** Answers null when the server's side ran, else why not. */
    private static String app(Fixture f, Report report, int n, int warm) throws Exception {
        Config c = f.config;
        String skip = f.list("signup");
        if (skip != null) {
            return skip;
        }
        String form = "bench-signup-" + c.runId();
        Api.Answer created = f.api.postJson("/api/forms", Map.of("key", form, "lists", List.of(f.listKey("signup")),
                "channel", "EMAIL", "fields", List.of("firstName")));
        if (!created.ok()) {
            return "POST /api/forms answered " + created.brief();
        }
        String path = "/f/" + form;
        long before = f.sink.counter();
        Api.Answer probe = f.api.postPublicJson(path, body("signup-probe-" + c.runId()));
        if (probe.status() != 202) {
            return "POST " + path + " answered " + probe.brief();
        }
        Load.Result warmed = Load.run(warm, THREADS,
                i -> f.api.postPublicJson(path, body("signup-warm" + i + "-" + c.runId())).status());
        f.sink.awaitCounter(before + 1 + warmed.count(202), 30_000);

        long base = f.sink.counter();
        Log.info("signup: " + n + " form posts from " + THREADS + " clients");
        long start = System.nanoTime();
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Load.Result r = Load.run(n, THREADS, i -> f.api.postPublicJson(path, body(address(c, i))).status());
        report.put("cpu", f.cpu.since(cpu));
        long accepted = r.count(202);
        long mailsDone = f.sink.awaitCounter(base + accepted, c.quick() ? 30_000 : 300_000);
        report.rate("app_per_s", accepted, r.nanos()).latency("", r.micros());
        if (mailsDone > 0) {
            report.rate("mails_per_s", accepted, mailsDone - start);
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            addresses.add(address(c, i));
        }
        int mailed = f.sink.awaitRecipients(addresses, mailsDone > 0 ? 10_000 : 1_000);
        Sink.Tally tally = f.sink.tally("signup-");
        report.put("answers", r.outcomeMap()).put("mails_to_sink", mailed)
                .put("mails_duplicated", Math.max(0, tally.duplicates()));
        if (r.firstError() != null) {
            report.put("first_error", r.firstError());
        }
        Api.Answer waiting = f.api.get("/engine-rest/process-instance/count?processDefinitionKey=double-opt-in");
        if (waiting.ok()) {
            report.put("engine_instances_waiting", waiting.json().path("count").asLong());
        }
        f.signupAddresses = r.count(202) > 0 ? addresses : List.of();
        f.signupSkip = mailed == 0 ? "no confirmation mail reached the sink" : null;
        return null;
    }

    static String address(Config c, int i) {
        return "signup-" + i + "-" + c.runId() + "@bench.test";
    }

    private static Map<String, Object> body(String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email.contains("@") ? email : email + "@bench.test");
        body.put("consent", true);
        body.put("firstName", "Anna");
        return body;
    }
}
