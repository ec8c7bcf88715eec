package dev.consentflow.dispatch.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import java.util.UUID;

/** A row a worker claimed: ids, and the sealed content it opens just before sending. */
record OutboxRow(UUID id, AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                 Purpose purpose, String listId, int attempts, int keyVersion, byte[] sealedContent) {

    OutboxRow withAttempts(int started) {
        return new OutboxRow(id, account, subscriberId, subscriptionId, channel, purpose, listId, started,
                keyVersion, sealedContent);
    }
}
