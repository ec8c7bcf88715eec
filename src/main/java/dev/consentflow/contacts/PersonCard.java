package dev.consentflow.contacts;

import java.time.Instant;
import java.util.Map;

/**
 * A contact card as an export shows it: its values opened. A tombstone has no address, mobile or fields.
 *
 * @param fields the custom fields by name, sorted; empty for a tombstone
 */
public record PersonCard(SubscriberId subscriberId, String email, String mobile, Permission permission,
                         Source source, int mailRating, Instant createdAt, Instant updatedAt, Instant erasedAt,
                         Map<String, String> fields) {

    public PersonCard {
        fields = fields == null ? Map.of() : fields;
    }
}
