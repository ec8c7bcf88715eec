package dev.consentflow.contacts;

import java.util.UUID;

/** The id of a contact card (API.md: {@code subscriberId}). */
public record SubscriberId(UUID value) {

    public SubscriberId {
        if (value == null) {
            throw new IllegalArgumentException("subscriber id is required");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
