package dev.consentflow.subscription.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A subscription's unsubscribe link as stored: the token's HMAC (to find it) and the token sealed (to reuse it). */
@Table("subscription_unsubscribe_token")
record UnsubscribeToken(@Id UUID subscriptionId, UUID accountId, byte[] tokenHash, byte[] tokenSealed, int keyVersion,
                        Instant createdAt) {
}
