package dev.consentflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine settings the server runs with, read from its application.yml so the bare engine is configured the
 * same way: history level, job executor pool and acquisition, connection pool size; and the signup's reminder and
 * expiry, which the bare engine's double-opt-in instances start with as the server's do. What the file leaves unset
 * takes the Operaton Spring Boot starter's defaults (core 3, max 10, queue 3, 3 jobs per acquisition).
 */
record EngineSettings(String history, int corePool, int maxPool, int queue, int jobsPerAcquisition,
                      int waitMillis, int connections, Duration reminderAfter, Duration expireAfter) {

    static EngineSettings of(Path repo) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(
                    Files.readString(repo.resolve("src/main/resources/application.yml")));
        } catch (Exception e) {
            Log.info("could not read the server's application.yml, using the starter's defaults: " + e);
            root = new ObjectMapper().createObjectNode();
        }
        JsonNode bpm = root.path("operaton").path("bpm");
        JsonNode jobs = bpm.path("job-execution");
        JsonNode signup = root.path("consentflow").path("signup");
        return new EngineSettings(
                text(bpm.path("history-level"), "full"),
                number(jobs.path("core-pool-size"), 3),
                number(jobs.path("max-pool-size"), 10),
                number(jobs.path("queue-capacity"), 3),
                number(jobs.path("max-jobs-per-acquisition"), 3),
                number(jobs.path("wait-time-in-millis"), 5000),
                number(root.path("spring").path("datasource").path("hikari").path("maximum-pool-size"), 10),
                duration(signup.path("reminder-after"), Duration.ofDays(3)),
                duration(signup.path("expire-after"), Duration.ofDays(7)));
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("history", history);
        m.put("job_pool", corePool + "/" + maxPool + "/" + queue);
        m.put("jobs_per_acquisition", jobsPerAcquisition);
        m.put("connections", connections);
        m.put("analyzed_before_measuring", true);
        return m;
    }

    /** A value, or the default of a {@code ${VAR:default}} placeholder (the bench does not set those). */
    private static String text(JsonNode node, String fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        String value = node.asText();
        if (value.startsWith("${") && value.endsWith("}")) {
            int colon = value.indexOf(':');
            String env = System.getenv(value.substring(2, colon < 0 ? value.length() - 1 : colon));
            return env != null ? env : colon < 0 ? fallback : value.substring(colon + 1, value.length() - 1);
        }
        return value;
    }

    /** An ISO-8601 duration (the form application.yml uses); anything else takes the default. */
    private static Duration duration(JsonNode node, Duration fallback) {
        try {
            return Duration.parse(text(node, fallback.toString()).trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static int number(JsonNode node, int fallback) {
        try {
            return Integer.parseInt(text(node, Integer.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
