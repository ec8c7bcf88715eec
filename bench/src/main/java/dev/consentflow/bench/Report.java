package dev.consentflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** One JSON line on standard output per scenario; everything else goes to standard error. */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Said on every line when the run departs from the protocol (the GreenMail fallback sink). */
    static final java.util.List<String> NOTES = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Report(String bench) {
        fields.put("bench", bench);
    }

    static Report of(String bench) {
        return new Report(bench);
    }

    /** Sets a field; a null value leaves it out. */
    Report put(String key, Object value) {
        if (value == null) {
            fields.remove(key);
            return this;
        }
        if (value instanceof Double d) {
            value = round(d, Math.abs(d) < 10 ? 3 : 1);
        }
        fields.put(key, value);
        return this;
    }

    Report rate(String key, long count, long nanos) {
        return put(key, nanos <= 0 ? null : round(count * 1e9 / nanos, 1));
    }

    /** p50, p95, p99 and max in milliseconds of a histogram recorded in microseconds. */
    Report latency(String prefix, Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return this;
        }
        put(prefix + "p50_ms", round(micros.getValueAtPercentile(50) / 1000.0, 2));
        put(prefix + "p95_ms", round(micros.getValueAtPercentile(95) / 1000.0, 2));
        put(prefix + "p99_ms", round(micros.getValueAtPercentile(99) / 1000.0, 2));
        put(prefix + "max_ms", round(micros.getMaxValue() / 1000.0, 2));
        return this;
    }

    /** {@code ratio} = app / raw, when both are there. */
    Report ratio(String appKey, String rawKey) {
        return ratio("ratio", appKey, rawKey);
    }

    /** A ratio of two fields under a name of its own (a second ceiling's), when both are there. */
    Report ratio(String key, String appKey, String rawKey) {
        if (fields.get(appKey) instanceof Number app && fields.get(rawKey) instanceof Number raw && raw.doubleValue() > 0) {
            put(key, round(app.doubleValue() / raw.doubleValue(), 3));
        }
        return this;
    }

    Object get(String key) {
        return fields.get(key);
    }

    void emit() {
        if (!NOTES.isEmpty()) {
            fields.put("note", String.join("; ", NOTES));
        }
        fields.put("load_avg_1m", loadAverage());
        try {
            String line = JSON.writeValueAsString(fields);
            synchronized (System.out) {
                System.out.println(line);
                System.out.flush();
            }
            Log.info("result: " + line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The machine's one-minute load average when the line is written: how noisy the measurement was. */
    private static Object loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return null;
        }
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
