package dev.consentflow.privacy.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long export decisions and releases last.
 *
 * @param decisionTimeout an operator's request that no admin decides within this time expires
 *                        ({@code CONSENTFLOW_EXPORT_DECISION_TIMEOUT}, default 14 days)
 * @param releaseValidFor an approved export can be downloaded for this long, then answers {@code 410}
 *                        ({@code CONSENTFLOW_EXPORT_RELEASE_VALID_FOR}, default 7 days)
 * @param accessDeadline  an access request is due this long after it was made: an ISO-8601 period
 *                        ({@code P1M}, the GDPR's one month, calendar-aware) or duration ({@code PT10M})
 *                        ({@code CONSENTFLOW_ACCESS_REQUEST_DEADLINE})
 */
@Validated
@ConfigurationProperties("consentflow.exports")
record ExportSettings(@NotNull Duration decisionTimeout, @NotNull Duration releaseValidFor,
                      @NotBlank String accessDeadline) {

    ExportSettings {
        if (accessDeadline != null && !accessDeadline.isBlank()) {
            dueAfter(Instant.EPOCH, accessDeadline);
        }
    }

    /** When an access request made at this time is due. */
    Instant accessDueAt(Instant requestedAt) {
        return dueAfter(requestedAt, accessDeadline);
    }

    private static Instant dueAfter(Instant from, String deadline) {
        String text = deadline.strip().toUpperCase();
        if (text.contains("T")) {
            return from.plus(Duration.parse(text));
        }
        return from.atOffset(ZoneOffset.UTC).plus(Period.parse(text)).toInstant();
    }
}
