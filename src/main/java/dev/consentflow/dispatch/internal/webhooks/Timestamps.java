package dev.consentflow.dispatch.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The moments providers write: ISO-8601 text, or seconds since 1970 (with a fraction); now when missing. */
final class Timestamps {

    private Timestamps() {
    }

    static Instant iso(JsonNode value) {
        try {
            return value.isTextual() ? OffsetDateTime.parse(value.asText()).toInstant() : Instant.now();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    static Instant epochSeconds(JsonNode value) {
        if (!value.isNumber() && !value.isTextual()) {
            return Instant.now();
        }
        try {
            double seconds = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText());
            return Instant.ofEpochMilli((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }
}
