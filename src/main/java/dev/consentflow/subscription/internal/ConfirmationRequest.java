package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A request for a person's confirmation that waits for, or got, the click: ids and times only. A signup's names
 * the card and its pending subscription; a resubscription's the tombstone, the pending request in contacts and
 * its list, and the new card once confirmed.
 */
@Table("subscription_confirmation_request")
record ConfirmationRequest(@Id String processInstanceId, ConfirmationPurpose purpose, UUID requestId, UUID accountId,
                           UUID subscriberId, UUID subscriptionId, UUID tombstoneId, UUID resubscriptionId,
                           String listKey, Channel channel, State state, Instant createdAt, Instant lastRequestedAt,
                           Instant confirmedAt, byte[] clickEvidence) {

    enum State {
        WAITING,
        CONFIRMED
    }

    static ConfirmationRequest signup(String processInstanceId, UUID requestId, UUID accountId, UUID subscriberId,
                                      UUID subscriptionId, Channel channel, Instant now) {
        return new ConfirmationRequest(processInstanceId, ConfirmationPurpose.SIGNUP, requestId, accountId,
                subscriberId, subscriptionId, null, null, null, channel, State.WAITING, now, now, null, null);
    }

    static ConfirmationRequest resubscription(String processInstanceId, UUID requestId, UUID accountId,
                                              UUID tombstoneId, UUID resubscriptionId, String listKey,
                                              Channel channel, Instant now) {
        return new ConfirmationRequest(processInstanceId, ConfirmationPurpose.RESUBSCRIPTION, requestId, accountId,
                null, null, tombstoneId, resubscriptionId, listKey, channel, State.WAITING, now, now, null, null);
    }

    boolean isWaiting() {
        return state == State.WAITING;
    }

    AccountId account() {
        return new AccountId(accountId);
    }

    /** Whom the confirmation is sent to: the signup's card, or the erased person's tombstone. */
    UUID recipientId() {
        return purpose == ConfirmationPurpose.SIGNUP ? subscriberId : tombstoneId;
    }

    /** What the click confirms: the pending subscription, or the pending resubscription. */
    UUID subjectId() {
        return purpose == ConfirmationPurpose.SIGNUP ? subscriptionId : resubscriptionId;
    }
}
