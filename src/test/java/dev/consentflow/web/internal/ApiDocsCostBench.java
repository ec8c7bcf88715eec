package dev.consentflow.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Not a test: what {@code GET /v3/api-docs} costs, run by hand, never by the build:
 * {@code ./mvnw -B -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ApiDocsCostBench}.
 * Waits {@code bench.settle} seconds after the context is up (what the server does once it is ready, e.g. build
 * the document in the background, happens then; the JVM's PSS is printed before and after, as bench/run reads the
 * idle memory after its settle), then asks for the document three times (English, again, and in
 * Danish, since springdoc keeps one document per locale) and prints for each the server's CPU seconds (the whole
 * JVM's, which is otherwise idle) and wall time; the first request is sampled with Java Flight Recorder and the
 * methods most often on the request thread's stack are printed, so one sees where the time goes.
 */
@IntegrationTest
class ApiDocsCostBench {

    private static final int SETTLE = Integer.getInteger("bench.settle", 20);

    @LocalServerPort
    int port;

    @Test
    void measure() throws Exception {
        System.out.printf("BENCH api-docs JVM PSS at the start %d MB%n", pssMegabytes());
        Thread.sleep(SETTLE * 1000L);
        System.out.printf("BENCH api-docs JVM PSS after %d s %d MB%n", SETTLE, pssMegabytes());
        Api api = Api.at(port);
        Path jfr = Files.createTempFile("api-docs", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            print("first (en)", () -> api.get("/v3/api-docs", Map.of("Accept-Language", "en")));
            recording.stop();
            recording.dump(jfr);
        }
        Answer second = print("second (en)", () -> api.get("/v3/api-docs", Map.of("Accept-Language", "en")));
        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.writeString(Path.of(out), second.body());
        }
        print("third (da)", () -> api.get("/v3/api-docs", Map.of("Accept-Language", "da")));
        print("fourth (none)", () -> api.get("/v3/api-docs", Map.of()));
        hotMethods(jfr);
    }

    private static Answer print(String what, java.util.concurrent.Callable<Answer> request) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Answer answer = request.call();
        long wallNanos = System.nanoTime() - wall;
        long cpuNanos = os.getProcessCpuTime() - cpu;
        assertThat(answer.status()).isEqualTo(200);
        System.out.printf("BENCH api-docs %-14s cpu %6.2f s  wall %6.2f s  bytes %d%n", what, cpuNanos / 1e9,
                wallNanos / 1e9, answer.body().length());
        return answer;
    }

    /** The JVM's proportional set size, as bench/run reads it for the idle memory. */
    private static long pssMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/smaps_rollup")).stream().filter(l -> l.startsWith("Pss:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D+", ""))).sum() / 1024;
    }

    /** Inclusive samples per method (each method counted once per stack) on the servlet threads. */
    private static void hotMethods(Path jfr) throws IOException {
        Map<String, Integer> inclusive = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getThread("sampledThread") == null
                    || !String.valueOf(event.getThread("sampledThread").getJavaName()).contains("exec")) {
                continue;
            }
            total++;
            Set<String> seen = new HashSet<>();
            List<RecordedFrame> frames = event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
            for (RecordedFrame frame : frames) {
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.printf("BENCH api-docs samples on the request thread: %d (10 ms each)%n", total);
        int finalTotal = total;
        inclusive.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("java.") && !e.getKey().startsWith("jdk.")
                        && !e.getKey().startsWith("org.apache.") && !e.getKey().startsWith("jakarta.")
                        && !e.getKey().startsWith("sun."))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(60)
                .forEach(e -> System.out.printf("BENCH api-docs %5.1f %%  %s%n", 100.0 * e.getValue() / finalTotal,
                        e.getKey()));
    }
}
