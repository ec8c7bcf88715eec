package dev.consentflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * export: one person with many events (seeded as UPDATE events through PATCH /api/contacts/{id}, capped in count
 * and time), then the latency of GET /api/contacts/{id}/export as JSON and as XLSX. No raw ceiling.
 */
final class ExportBench {

    private static final int THREADS = 4;

    private ExportBench() {
    }

    static void run(Fixture f) throws Exception {
        Config c = f.config;
        int events = c.size(300, 10_000);
        Report report = Report.of("export").put("events_wanted", events);
        String skip = Bench.guarded(f, "export", () -> app(f, report, events));
        if (skip != null) {
            report.put("skipped", skip);
        }
        report.emit();
    }

    private static String app(Fixture f, Report report, int events) throws Exception {
        Config c = f.config;
        Fixture.Seeded seeded = f.subscribe("export", "export-" + c.runId() + "-", 1, 1);
        if (seeded.skipped() != null) {
            return seeded.skipped();
        }
        if (seeded.ids().isEmpty()) {
            return "the contact could not be seeded: " + seeded.load().outcomeMap();
        }
        String id = seeded.ids().get(0);
        String export = "/api/contacts/" + id + "/export?format=";
        Api.Answer probe = f.api.get(export + "json");
        if (!probe.ok()) {
            return "GET /api/contacts/{id}/export?format=json answered " + probe.brief();
        }
        long capMillis = c.quick() ? 15_000 : 300_000;
        long deadline = System.currentTimeMillis() + capMillis;
        Log.info("export: seeding up to " + events + " UPDATE events through PATCH, for at most " + capMillis / 1000 + " s");
        Load.Result patches = Load.run(events, THREADS, i -> {
            if (System.currentTimeMillis() > deadline) {
                return -1;
            }
            return f.api.patchJson("/api/contacts/" + id, Map.of("fields", Map.of("firstName", "Anna" + i))).status();
        });
        report.put("events_seeded", patches.count(200)).rate("patch_per_s", patches.count(200), patches.nanos())
                .put("patch_answers", patches.outcomeMap());
        if (patches.count(-1) > 0) {
            report.put("note", "event seeding capped at " + capMillis / 1000 + " s");
        }
        int rounds = c.size(3, 10);
        for (String format : new String[] {"json", "xlsx"}) {
            Api.Answer first = f.api.get(export + format);
            if (!first.ok()) {
                report.put(format + "_skipped", "answered " + first.brief());
                continue;
            }
            Histogram micros = new Histogram(3_600_000_000L, 3);
            long bytes = first.bytes().length;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                Api.Answer a = f.api.get(export + format);
                micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                bytes = a.bytes().length;
            }
            report.put(format + "_bytes", bytes).latency(format + "_", micros);
            if (format.equals("json")) {
                report.put("events_in_json", countEvents(first.json()));
            }
        }
        report.put("rounds", rounds);
        return null;
    }

    /** The length of the largest array named "events" anywhere in the export. */
    private static int countEvents(JsonNode node) {
        int best = 0;
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equals("events") && e.getValue().isArray()) {
                    best = Math.max(best, e.getValue().size());
                }
                best = Math.max(best, countEvents(e.getValue()));
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                best = Math.max(best, countEvents(child));
            }
        }
        return best;
    }
}
