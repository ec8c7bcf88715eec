package dev.consentflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dispatch: a campaign to n confirmed contacts through the campaign API, timed from the send until the
 * campaign's ledger is closed; against a plain Jakarta Mail loop sending the same rendered mails over the same
 * number of reused connections (4) into the same sink. Lost from the ledger, duplicates from the sink's dumps.
 */
final class DispatchBench {

    static final int CONNECTIONS = 4;
    private static final Set<String> FINAL = Set.of("COMPLETED", "CLOSED", "FINISHED", "DONE");
    private static final String BUSY = ".*(SENDING|QUEUED|RUNNING|PENDING|SCHEDULED|DRAFT|STARTED).*";
    private static final List<String> END_STATES = List.of("sent", "failed", "suppressed", "expired", "unknown");

    private DispatchBench() {
    }

    static void run(Fixture f) throws Exception {
        Config c = f.config;
        // BENCH_DISPATCH_N runs another size (a campaign long enough for a profile, a quick look at a middle size).
        String override = System.getenv("BENCH_DISPATCH_N");
        int n = override != null && !override.isBlank() ? Integer.parseInt(override.strip()) : c.size(2000, 100_000);
        Report report = Report.of("dispatch").put("n", n).put("connections", CONNECTIONS);
        Bench.guardedRaw(report, () -> raw(f, report, n));
        String skip = Bench.guarded(f, "dispatch", () -> app(f, report, n));
        if (skip != null) {
            report.put("skipped", skip);
        }
        report.ratio("app_per_s", "raw_per_s").emit();
    }

    private static void raw(Fixture f, Report report, int n) throws Exception {
        String prefix = "dispatchraw-" + f.config.runId() + "-";
        RawMail.send(f.config, f.config.size(200, 2000), CONNECTIONS, "dispatchwarm-" + f.config.runId() + "-");
        long base = f.sink.counter();
        Log.info("raw dispatch: " + n + " rendered mails over " + CONNECTIONS + " connections");
        Cpu.Snapshot cpu = f.cpu.snapshot();
        RawMail.Result r = RawMail.send(f.config, n, CONNECTIONS, prefix);
        report.put("raw_cpu", f.cpu.since(cpu));
        f.sink.awaitCounter(base + r.sent(), 30_000);
        report.rate("raw_per_s", r.sent(), r.nanos()).put("raw_sent", r.sent());
        if (r.failed() > 0) {
            report.put("raw_failed", r.failed()).put("raw_first_error", r.firstError());
        }
        f.sink.refresh();
        Thread.sleep(1600);
        f.sink.refresh();
        report.put("raw_at_sink", f.sink.tally(prefix).distinct());
    }

    private static String app(Fixture f, Report report, int n) throws Exception {
        Config c = f.config;
        String key = "bench-" + c.runId();
        Api.Answer template = f.api.postJson("/api/templates", CampaignMail.template(key));
        if (!template.ok()) {
            return "POST /api/templates answered " + template.brief();
        }
        String prefix = "dispatch-" + c.runId() + "-";
        Fixture.Seeded seeded = f.seedConfirmed("dispatch", prefix, n, SignupBench.THREADS);
        if (seeded.skipped() != null) {
            return seeded.skipped();
        }
        report.put("seeded", seeded.ids().size()).rate("seed_per_s", seeded.ids().size(), seeded.load().nanos());
        Api.Answer campaign = f.api.postJson("/api/campaigns", Map.of("name", "Bench " + c.runId(),
                "list", f.listKey("dispatch"), "template", key));
        if (!campaign.ok()) {
            return "POST /api/campaigns answered " + campaign.brief();
        }
        String id = campaign.json().path("id").asText();
        Log.info("dispatch: sending campaign " + id + " to the list's " + seeded.ids().size() + " contacts");
        long start = System.nanoTime();
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Api.Answer send = f.api.postJson("/api/campaigns/" + id + "/send", Map.of());
        if (!send.ok()) {
            return "POST /api/campaigns/{id}/send answered " + send.brief();
        }
        long deadline = System.currentTimeMillis() + (c.quick() ? 120_000 : 3_600_000);
        JsonNode ledger = f.api.get("/api/campaigns/" + id).json();
        while (!closed(ledger) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            ledger = f.api.get("/api/campaigns/" + id).json();
        }
        long nanos = System.nanoTime() - start;
        report.put("cpu", f.cpu.since(cpu));
        boolean closed = closed(ledger);
        long sent = ledger.path("sent").asLong();
        long accounted = 0;
        Map<String, Object> counts = new LinkedHashMap<>();
        for (var it = ledger.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isNumber()) {
                counts.put(e.getKey(), e.getValue().asLong());
            }
        }
        for (String state : END_STATES) {
            accounted += ledger.path(state).asLong();
        }
        long audience = ledger.path("audience").asLong();
        report.rate("app_per_s", sent, nanos).put("closed", closed).put("status", ledger.path("status").asText())
                .put("ledger", counts).put("lost", audience - accounted);

        f.sink.refresh();
        Thread.sleep(1600);
        f.sink.refresh();
        Sink.Tally tally = f.sink.tally(prefix, "November");
        report.put("at_sink", tally.distinct()).put("duplicates", tally.duplicates())
                .put("missing_at_sink", sent - tally.distinct());
        List<Path> one = f.sink.files(prefix + "0@bench.test");
        if (!one.isEmpty()) {
            String text = Sink.text(one.get(one.size() - 1));
            report.put("list_unsubscribe_headers", text.contains("List-Unsubscribe:")
                    && text.contains("List-Unsubscribe-Post:"));
        }
        return null;
    }

    private static boolean closed(JsonNode ledger) {
        String status = ledger.path("status").asText("").toUpperCase();
        if (FINAL.contains(status)) {
            return true;
        }
        long audience = ledger.path("audience").asLong(-1);
        long accounted = 0;
        for (String state : END_STATES) {
            accounted += ledger.path(state).asLong();
        }
        return audience > 0 && accounted >= audience && !status.matches(BUSY);
    }
}
