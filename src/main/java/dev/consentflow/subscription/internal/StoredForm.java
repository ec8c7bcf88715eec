package dev.consentflow.subscription.internal;

import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A registered form: whose it is, its version and its definition as JSON, and the origins allowed to post to it
 * with fetch and to frame it (space-separated; they are not part of the definition, so forms/ files keep them).
 */
@Table("subscription_form")
record StoredForm(@Id UUID id, UUID accountId, String formKey, int version, String definition, String origin,
                  String allowedOrigins) {
}
