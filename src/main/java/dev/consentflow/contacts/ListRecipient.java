package dev.consentflow.contacts;

import java.util.Map;

/**
 * A CONFIRMED recipient of a list mail, with what a template may put into the mail: the address and the custom
 * fields, decrypted for rendering in the caller's transaction and never stored by the caller.
 */
public record ListRecipient(SubscriberId subscriberId, SubscriptionId subscriptionId, String email,
                            Map<String, String> fields) {

    public ListRecipient {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
