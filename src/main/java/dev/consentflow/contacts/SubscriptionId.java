package dev.consentflow.contacts;

import java.util.UUID;

/** The id of one person's subscription to one list. */
public record SubscriptionId(UUID value) {

    public SubscriptionId {
        if (value == null) {
            throw new IllegalArgumentException("subscription id is required");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
