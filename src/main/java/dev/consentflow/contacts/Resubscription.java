package dev.consentflow.contacts;

import dev.consentflow.dispatch.Channel;

/**
 * A request to bring an erased person back onto one list, through a confirmed opt-in (DESIGN.md rule 3). The
 * tombstone keeps no address, so the request carries it in full: the address that identifies the person (the
 * email when given, else the mobile number) must be one the tombstone is findable by, and the tombstone must
 * still be the newest card of it.
 *
 * @param tombstoneId the erased card
 * @param email       the person's full address
 * @param mobile      the person's E.164 number (needed when the confirmation goes by SMS)
 * @param channel     the channel asked for (a form's channel), or null for the channel of the erased permission:
 *                    the tombstone's subscription on this list, else its newest subscription
 * @param listKey     the list to come back to
 * @param evidence    when, from which IP, through which form (or with which consent text) it was asked for
 */
public record Resubscription(SubscriberId tombstoneId, String email, String mobile, Channel channel, String listKey,
                             ConsentEvidence evidence) {

    @Override
    public String toString() {
        return "Resubscription[tombstoneId=" + tombstoneId + ", list=" + listKey + ", channel=" + channel + "]";
    }
}
