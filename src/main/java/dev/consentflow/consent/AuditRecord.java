package dev.consentflow.consent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One stored audit entry, as API.md section 6 shows it ({@code "source": "audit"}); hashes in lower-case hex.
 */
public record AuditRecord(long seq, Instant at, UUID subscriberId, String action, String actor,
                          Map<String, Object> detail, String processInstanceId, String hash, String prevHash)
        implements TimelineEntry {

    /** Tells audit entries from the engine's history entries where the two are shown together. */
    @Override
    @JsonProperty("source")
    public String source() {
        return "audit";
    }
}
