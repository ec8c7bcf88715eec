package dev.consentflow.console.internal;

import dev.consentflow.web.ClientAddress;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * How pages write times and audit details ({@code ${@fmt.time(...)}} in the templates): times in the reader's zone
 * ({@link ConsoleTimeZone}) with the zone's name, and {@link #iso} for the {@code datetime} and {@code title} of the
 * {@code <time>} element that holds them, so the exact instant is always one hover away; IP addresses in their
 * short canonical form ({@link #address}); long e-mail addresses with line-break chances between their parts
 * ({@link #addressParts}).
 */
@Component("fmt")
class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    /** As a {@code datetime-local} field holds a time ({@code 2026-12-24T09:00}), in the reader's zone. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

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

    /** A time for a {@code datetime-local} field, in the reader's zone ({@link #zone} names it beside the field). */
    public String local(Instant at) {
        return at == null ? "" : LOCAL.withZone(zones.current()).format(at);
    }

    /** The reader's zone by its id ({@code Europe/Copenhagen}, {@code UTC}), for a label that names it. */
    public String zone() {
        return zones.current().getId();
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

    /**
     * An IP address as people write it ({@link ClientAddress#canonical}): new entries are stored so already, older
     * ones keep the form they were written in (the audit chain covers them). Anything else comes back unchanged.
     */
    public String address(String text) {
        return ClientAddress.canonical(text);
    }

    /**
     * An e-mail address in the parts a reader would split it into, for a narrow card to put a line-break chance
     * ({@code <wbr>}) between: the part ahead of the {@code @} split before each dot, the {@code @} ending its part,
     * the domain whole ({@code anna}, {@code .berg@}, {@code example.dk}). So a long address wraps between its parts,
     * not inside a word.
     */
    public List<String> addressParts(String address) {
        if (address == null || address.isEmpty()) {
            return List.of();
        }
        int at = address.lastIndexOf('@');
        List<String> parts = new ArrayList<>();
        String local = at < 0 ? address : address.substring(0, at + 1);
        int from = 0;
        for (int dot = local.indexOf('.', 1); dot > 0; dot = local.indexOf('.', dot + 1)) {
            parts.add(local.substring(from, dot));
            from = dot;
        }
        parts.add(local.substring(from));
        if (at >= 0 && at + 1 < address.length()) {
            parts.add(address.substring(at + 1));
        }
        return parts;
    }

    public String shortHash(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(12, hash.length()));
    }
}
