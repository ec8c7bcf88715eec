package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A double opt-in that waits for, got, or gave up on a confirmation: ids and times only. */
@Table("subscription_double_opt_in")
record DoubleOptIn(@Id String processInstanceId, UUID requestId, UUID accountId, UUID subscriberId,
                   UUID subscriptionId, Channel channel, State state, Instant createdAt, Instant lastRequestedAt,
                   Instant confirmedAt, byte[] clickEvidence) {

    enum State {
        WAITING,
        CONFIRMED,
        EXPIRED
    }

    static DoubleOptIn waiting(String processInstanceId, UUID requestId, UUID accountId, UUID subscriberId,
                               UUID subscriptionId, Channel channel, Instant now) {
        return new DoubleOptIn(processInstanceId, requestId, accountId, subscriberId, subscriptionId, channel,
                State.WAITING, now, now, null, null);
    }

    boolean isWaiting() {
        return state == State.WAITING;
    }
}
