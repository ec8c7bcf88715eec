package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A resubscribe instance that waits for, or got, the person's confirmation: ids and times only. */
@Table("subscription_resubscribe")
record Resubscribe(@Id String processInstanceId, UUID requestId, UUID accountId, UUID tombstoneId,
                   UUID resubscriptionId, String listKey, Channel channel, State state, Instant createdAt,
                   Instant lastRequestedAt, Instant confirmedAt, UUID subscriberId, byte[] clickEvidence) {

    enum State {
        WAITING,
        CONFIRMED
    }

    static Resubscribe waiting(String processInstanceId, UUID requestId, UUID accountId, UUID tombstoneId,
                               UUID resubscriptionId, String listKey, Channel channel, Instant now) {
        return new Resubscribe(processInstanceId, requestId, accountId, tombstoneId, resubscriptionId, listKey,
                channel, State.WAITING, now, now, null, null, null);
    }

    boolean isWaiting() {
        return state == State.WAITING;
    }
}
