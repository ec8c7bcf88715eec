package dev.consentflow.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * erasure: n erasures through POST /api/contacts/{id}/erase, timed from the first request until every card shows
 * permission DELETED (an absolute rate: there is no raw ceiling), then a scan of the server's whole database
 * and its log for the seeded addresses: leftover personal data must be 0.
 */
final class ErasureBench {

    private static final int THREADS = 16;

    private ErasureBench() {
    }

    static void run(Fixture f) throws Exception {
        Config c = f.config;
        int n = c.size(200, 10_000);
        Report report = Report.of("erasure").put("n", n).put("threads", THREADS);
        String skip = Bench.guarded(f, "erasure", () -> app(f, report, n));
        if (skip != null) {
            report.put("skipped", skip);
        }
        report.emit();
    }

    private static String app(Fixture f, Report report, int n) throws Exception {
        Config c = f.config;
        String marker = "erase-" + c.runId() + "-";
        Fixture.Seeded seeded = f.subscribe("erasure", marker, n, THREADS);
        if (seeded.skipped() != null) {
            return seeded.skipped();
        }
        List<String> ids = seeded.ids();
        report.put("seeded", ids.size()).rate("seed_per_s", ids.size(), seeded.load().nanos());
        if (ids.isEmpty()) {
            return "no contact could be seeded: " + seeded.load().outcomeMap();
        }
        Map<String, Long> before = f.db.rowsContaining(marker);
        long start = System.nanoTime();
        Cpu.Snapshot cpu = f.cpu.snapshot();
        Api.Answer first = erase(f, ids.get(0));
        if (!first.ok()) {
            return "POST /api/contacts/{id}/erase answered " + first.brief();
        }
        Log.info("erasure: " + ids.size() + " erasures from " + THREADS + " clients");
        Load.Result r = Load.run(ids.size() - 1, THREADS, i -> erase(f, ids.get(i + 1)).status());
        Map<String, Long> answers = r.outcomeMap();
        answers.merge(Integer.toString(first.status()), 1L, Long::sum);
        report.rate("requests_per_s", r.count(202) + 1, r.nanos()).latency("request_", r.micros())
                .put("answers", answers);

        List<String> pending = Collections.synchronizedList(new ArrayList<>(ids));
        long deadline = System.currentTimeMillis() + (c.quick() ? 60_000 : 900_000);
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            List<String> round = new ArrayList<>(pending);
            List<String> deleted = Collections.synchronizedList(new ArrayList<>());
            Load.run(round.size(), THREADS, i -> {
                Api.Answer card = f.api.get("/api/contacts/" + round.get(i));
                if (card.ok() && "DELETED".equals(card.json().path("permission").asText())) {
                    deleted.add(round.get(i));
                }
                return card.status();
            });
            pending.removeAll(deleted);
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
        long nanos = System.nanoTime() - start;
        report.put("cpu", f.cpu.since(cpu));
        report.put("deleted", ids.size() - pending.size()).put("not_deleted", pending.size())
                .rate("app_per_s", ids.size() - pending.size(), nanos);

        Map<String, Long> after = f.db.rowsContaining(marker);
        long inLog = Files.exists(c.serverLog())
                ? Files.readAllLines(c.serverLog(), StandardCharsets.ISO_8859_1).stream().filter(l -> l.contains(marker)).count()
                : -1;
        report.put("leftover_pii_rows", after.values().stream().mapToLong(Long::longValue).sum())
                .put("leftover_tables", after.keySet())
                .put("plaintext_rows_before_erasure", before.values().stream().mapToLong(Long::longValue).sum())
                .put("leftover_log_lines", inLog);
        return null;
    }

    private static Api.Answer erase(Fixture f, String id) throws Exception {
        return f.api.postJson("/api/contacts/" + id + "/erase", Map.of("reason", "bench"));
    }
}
