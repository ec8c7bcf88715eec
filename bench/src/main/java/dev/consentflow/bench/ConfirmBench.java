package dev.consentflow.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * confirm: POSTs on the /c/{token} links of the confirmation mails the signup scenario left at the sink, each
 * correlating a message; against bare message correlation by process instance id on waiting instances, and, the
 * second ceiling, the same correlation of the click's message to waiting instances of the product's double-opt-in
 * model with no-op steps ({@link RawDoubleOptIn}), each running to its end.
 */
final class ConfirmBench {

    private static final Pattern LINK = Pattern.compile("/c/([A-Za-z0-9_~.\\-]{8,})");
    private static final int THREADS = 16;

    private ConfirmBench() {
    }

    static void run(Fixture f) throws Exception {
        Config c = f.config;
        List<String> addresses = f.signupAddresses;
        int n = addresses.isEmpty() ? c.size(300, 5000) : addresses.size();
        Report report = Report.of("confirm").put("n", n).put("threads", THREADS);
        Bench.guardedRaw(report, () -> raw(f, report, n, c.size(50, 500)));
        Bench.guardedRaw(report, "process_raw", () -> processRaw(f, report, n, c.size(50, 500)));
        String skip = addresses.isEmpty() ? "no signups to confirm: " + f.signupSkip : Bench.guarded(f, "confirm", () -> app(f, report, addresses));
        if (skip != null) {
            report.put("skipped", skip);
        }
        report.ratio("app_per_s", "raw_per_s").ratio("process_ratio", "app_per_s", "process_raw_per_s").emit();
    }

    private static void raw(Fixture f, Report report, int n, int warm) throws Exception {
        RawEngine raw = f.raw();
        var runtime = raw.engine.getRuntimeService();
        String[] ids = new String[n + warm];
        Load.run(n + warm, THREADS, i -> {
            ids[i] = runtime.startProcessInstanceByKey(RawEngine.WAITING, "confirm-" + i).getId();
            return 1;
        });
        raw.analyze();
        Load.run(warm, THREADS, i -> {
            runtime.createMessageCorrelation(RawEngine.MESSAGE).processInstanceId(ids[n + i]).correlate();
            return 1;
        });
        Log.info("raw confirm: correlating " + n + " messages by process instance id on " + THREADS + " threads");
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Load.Result r = Load.run(n, THREADS, i -> {
            runtime.createMessageCorrelation(RawEngine.MESSAGE).processInstanceId(ids[i]).correlate();
            return 1;
        });
        report.put("raw_cpu", f.cpu.since(cpu));
        report.rate("raw_per_s", r.count(1), r.nanos()).latency("raw_", r.micros())
                .put("raw_engine", raw.settings.describe());
        if (r.count(1) != n) {
            report.put("raw_errors", n - r.count(1)).put("raw_first_error", r.firstError());
        }
    }

    /**
     * The second ceiling: n + warm double-opt-in instances started as the server starts them, analyzed, warm ones
     * clicked, then the click's message correlated by process instance id to n of them on 16 threads: confirm,
     * welcome, the hand-over message, end. The instances still waiting before and after tell how many ended.
     */
    private static void processRaw(Fixture f, Report report, int n, int warm) throws Exception {
        RawEngine raw = f.raw();
        RawDoubleOptIn process = raw.doubleOptIn();
        String[] ids = new String[n + warm];
        Load.run(n + warm, THREADS, i -> {
            ids[i] = process.signUp().getId();
            return 1;
        });
        raw.analyze();
        Load.run(warm, THREADS, i -> {
            process.click(ids[n + i]);
            return 1;
        });
        long before = process.waiting();
        Log.info("raw confirm: correlating " + n + " clicks to double-opt-in instances on " + THREADS + " threads");
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Load.Result r = Load.run(n, THREADS, i -> {
            process.click(ids[i]);
            return 1;
        });
        report.put("process_raw_cpu", f.cpu.since(cpu));
        report.rate("process_raw_per_s", r.count(1), r.nanos()).latency("process_raw_", r.micros())
                .put("process_raw_model", process.describe());
        long ended = before - process.waiting();
        if (r.count(1) != n || ended != n) {
            report.put("process_raw_errors", n - r.count(1)).put("process_raw_ended", ended)
                    .put("process_raw_first_error", r.firstError());
        }
    }

    private static String app(Fixture f, Report report, List<String> addresses) throws Exception {
        var byAddress = tokens(f, addresses);
        List<String> tokens = new ArrayList<>(byAddress.values());
        List<String> confirmedAddresses = new ArrayList<>(byAddress.keySet());
        if (tokens.isEmpty()) {
            return "no /c/{token} link found in the confirmation mails at the sink";
        }
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < f.config.size(50, 500); i++) {
            warm.add("signup-warm" + i + "-" + f.config.runId() + "@bench.test");
        }
        List<String> warmTokens = new ArrayList<>(tokens(f, warm).values());
        Load.run(warmTokens.size(), THREADS, i -> f.api.postPublicForm("/c/" + warmTokens.get(i), "").status());

        Log.info("confirm: " + tokens.size() + " POST /c/{token} from " + THREADS + " clients");
        report.put("server_db_stats", f.db.staleness("act_ru_event_subscr", "act_ru_execution"));
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Load.Result r = Load.run(tokens.size(), THREADS, i -> f.api.postPublicForm("/c/" + tokens.get(i), "").status());
        report.put("cpu", f.cpu.since(cpu));
        report.put("tokens", tokens.size()).rate("app_per_s", r.count(200), r.nanos()).latency("", r.micros())
                .put("answers", r.outcomeMap());
        if (r.firstError() != null) {
            report.put("first_error", r.firstError());
        }
        int sample = Math.min(20, tokens.size());
        int again = 0;
        int confirmed = 0;
        for (int i = 0; i < sample; i++) {
            if (f.api.postPublicForm("/c/" + tokens.get(i), "").status() == 200) {
                again++;
            }
            Api.Answer card = f.api.get("/api/contacts?email=" + URLEncoder.encode(confirmedAddresses.get(i), StandardCharsets.UTF_8));
            if (card.ok() && card.body().contains("\"CONFIRMED\"")) {
                confirmed++;
            }
        }
        report.put("repeat_ok", again + "/" + sample).put("cards_confirmed", confirmed + "/" + sample);
        return null;
    }

    /** The first confirmation link in each address's mail, by address, in address order. */
    private static Map<String, String> tokens(Fixture f, List<String> addresses) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        f.sink.refresh();
        for (String address : addresses) {
            for (Path file : f.sink.files(address)) {
                Matcher m = LINK.matcher(Sink.text(file));
                if (m.find()) {
                    tokens.put(address, m.group(1));
                    break;
                }
            }
        }
        return tokens;
    }
}
