package dev.consentflow.subscription.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One fixed-window counter: how often a bucket was hit since the window started. */
@Table("subscription_rate_limit")
record RateLimit(@Id byte[] bucket, Instant windowStart, int hits) {
}
