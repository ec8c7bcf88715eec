package dev.consentflow.subscription.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A confirmation link as stored: the HMAC of the token, never the token, and the request it confirms. */
@Table("subscription_confirmation_request_token")
record ConfirmationToken(@Id byte[] tokenHash, ConfirmationPurpose purpose, String processInstanceId,
                         Instant createdAt) {
}
