package dev.consentflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The bench tool. bench/run calls it three ways:
 * <ul>
 *   <li>{@code pg-start --dir D --databases a,b}: starts the embedded PostgreSQL under D, creates the databases,
 *       prints {@code PG_PORT=.. PG_PID=..} and exits, leaving the server running for bench/run to stop;</li>
 *   <li>{@code greenmail-sink --port P --dump D --counter F}: the SMTP sink used when smtp-sink is missing;</li>
 *   <li>{@code run ...}: the scenarios, one JSON line each on standard output;</li>
 * </ul>
 */
public final class Bench {

    /** One scenario's body. */
    @FunctionalInterface
    interface Scenario {
        void run(Fixture fixture) throws Exception;
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench pg-start|greenmail-sink|run [--option value]...");
            System.exit(2);
        }
        Map<String, String> options = Config.options(args, 1);
        switch (args[0]) {
            case "pg-start" -> PgStart.run(options);
            case "greenmail-sink" -> GreenMailSink.run(options);
            case "run" -> run(Config.from(options));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void run(Config config) {
        if (!"smtp-sink".equals(config.sinkKind())) {
            Report.NOTES.add("SMTP sink is " + config.sinkKind() + ", not smtp-sink"
                    + (config.sinkNote() == null ? "" : ": " + config.sinkNote()));
        }
        Log.info("run " + config.runId() + (config.quick() ? " (quick)" : "") + " against " + config.server());
        try (Fixture fixture = new Fixture(config)) {
            prepare(fixture);
            scenario(fixture, "signup", SignupBench::run);
            scenario(fixture, "confirm", ConfirmBench::run);
            scenario(fixture, "dispatch", DispatchBench::run);
            scenario(fixture, "erasure", ErasureBench::run);
            scenario(fixture, "export", ExportBench::run);
            scenario(fixture, "import", ImportBench::run);
        }
        // The engine's and the HTTP client's threads are done with; do not wait for their pools to time out.
        System.exit(0);
    }

    /**
     * Boots the bare engine (its schema takes seconds) while the server is still starting, then waits for the
     * server: its start time is not a measurement here, the startup scenario has its own.
     */
    private static void prepare(Fixture fixture) {
        Config c = fixture.config;
        if (c.selected("signup") || c.selected("confirm")) {
            try {
                fixture.raw();
            } catch (Exception e) {
                Log.info("the raw engine did not start: " + e);
            }
        }
        if (c.awaitServerSeconds() <= 0) {
            return;
        }
        long start = System.nanoTime();
        long deadline = System.currentTimeMillis() + c.awaitServerSeconds() * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (c.serverPid() != null && !Files.exists(Path.of("/proc", c.serverPid()))) {
                fixture.serverProblem = "the server exited while starting (see its log " + c.serverLog() + ")";
                Log.info(fixture.serverProblem);
                return;
            }
            try {
                if (fixture.api.getPublic("/actuator/health").body().contains("\"UP\"")) {
                    Log.info("server healthy; waited " + (System.nanoTime() - start) / 1_000_000 + " ms for it");
                    return;
                }
            } catch (Exception e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fixture.serverProblem = "the server did not become healthy in " + c.awaitServerSeconds() + " s (see "
                + c.serverLog() + ")";
        Log.info(fixture.serverProblem);
    }

    private static void scenario(Fixture fixture, String name, Scenario scenario) {
        if (!fixture.config.selected(name)) {
            return;
        }
        long start = System.nanoTime();
        Log.info("scenario " + name);
        try {
            scenario.run(fixture);
        } catch (Throwable e) {
            Log.info("scenario " + name + " failed: " + e);
            e.printStackTrace();
            Report.of(name).put("error", e.toString()).emit();
        }
        Log.info("scenario " + name + " took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** A raw ceiling's body. */
    @FunctionalInterface
    interface RawStep {
        void run() throws Exception;
    }

    /** Runs a raw ceiling; a failure becomes raw_error in the line instead of ending the scenario. */
    static void guardedRaw(Report report, RawStep step) {
        guardedRaw(report, "raw", step);
    }

    /** As above for a ceiling whose fields start with {@code prefix}: a failure becomes {@code <prefix>_error}. */
    static void guardedRaw(Report report, String prefix, RawStep step) {
        try {
            step.run();
        } catch (Exception e) {
            Log.info(report.get("bench") + ": the " + prefix.replace('_', ' ') + " ceiling failed: " + e);
            e.printStackTrace();
            report.put(prefix + "_error", e.toString());
        }
    }

    /** Runs the server's side of a scenario; answers why it did not run, or null when it did. */
    static String guarded(Fixture fixture, String scenario, Fixture.Step step) {
        if (fixture.serverProblem != null) {
            return fixture.serverProblem;
        }
        try {
            return step.run();
        } catch (Exception e) {
            Log.info(scenario + ": the server's side failed: " + e);
            e.printStackTrace();
            return "error: " + e;
        }
    }
}
