package dev.consentflow.contacts;

import java.util.UUID;

/** The id of a pending resubscription: an erased person's request to come back, until they confirm it. */
public record ResubscriptionId(UUID value) {

    public ResubscriptionId {
        if (value == null) {
            throw new IllegalArgumentException("resubscription id is required");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
