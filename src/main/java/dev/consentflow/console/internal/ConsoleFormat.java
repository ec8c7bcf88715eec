package dev.consentflow.console.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** How pages write times and audit details ({@code ${@fmt.time(...)}} in the templates). */
@Component("fmt")
class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    public String day(Instant at) {
        return at == null ? "" : DAY.format(at);
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
