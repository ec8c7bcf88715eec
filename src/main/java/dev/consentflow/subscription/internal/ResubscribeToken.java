package dev.consentflow.subscription.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A resubscribe confirmation link as stored: the HMAC of the token, never the token, and the instance it confirms. */
@Table("subscription_resubscribe_token")
record ResubscribeToken(@Id byte[] tokenHash, String processInstanceId, Instant createdAt) {
}
