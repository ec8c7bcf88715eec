package dev.consentflow.console.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * How pages write times and audit details ({@code ${@fmt.time(...)}} in the templates): times in the reader's zone
 * ({@link ConsoleTimeZone}) with the zone's name, and {@link #iso} for the {@code datetime} and {@code title} of the
 * {@code <time>} element that holds them, so the exact instant is always one hover away.
 */
@Component("fmt")
class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final ConsoleTimeZone zones;

    ConsoleFormat(ConsoleTimeZone zones) {
        this.zones = zones;
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.withZone(zones.current()).format(at);
    }

    public String day(Instant at) {
        return at == null ? "" : DAY.withZone(zones.current()).format(at);
    }

    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public String detail(Map<String, Object> detail) {
        if (detail == null || detail.isEmpty()) {
            return "";
        }
        return detail.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(" · "));
    }

    public String shortHash(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(12, hash.length()));
    }
}
