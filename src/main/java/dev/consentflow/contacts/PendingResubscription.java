package dev.consentflow.contacts;

import dev.consentflow.dispatch.Channel;

/**
 * A resubscription that waits for the person's confirmation. Until then no card exists: contacts keeps the
 * address and the request's evidence sealed, and deletes them on confirmation or expiry.
 *
 * @param id          the pending resubscription
 * @param tombstoneId the erased card it brings back
 * @param list        the list
 * @param channel     how the confirmation goes, and the new subscription's channel
 * @param newRequest  false when this tombstone and list had a pending resubscription already (nothing new written)
 */
public record PendingResubscription(ResubscriptionId id, SubscriberId tombstoneId, ListInfo list, Channel channel,
                                    boolean newRequest) {
}
