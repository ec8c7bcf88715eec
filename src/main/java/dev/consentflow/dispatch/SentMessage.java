package dev.consentflow.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to a person as their record shows it (timeline, card, export): which mailing, when, and how it
 * ended. Never the address, the subject or the body.
 *
 * @param messageId      the message
 * @param subscriptionId the subscription it served (for a resubscription's confirmation, the resubscription), or null
 * @param channel        mail or SMS
 * @param purpose        confirmation, reminder, welcome, campaign or automation
 * @param batchId        the campaign's id for campaign mail, else null
 * @param mailing        the mailing's name in words (the campaign's name, the automation's template), or null
 * @param state          its final state
 * @param attempts       how many times a relay was tried
 * @param queuedAt       when it was handed to dispatch
 * @param finishedAt     when it reached its final state
 * @param answer         the relay's last answer (addresses removed), or null
 */
public record SentMessage(UUID messageId, UUID subscriptionId, Channel channel, Purpose purpose, String batchId,
                          String mailing, MessageState state, int attempts, Instant queuedAt, Instant finishedAt,
                          String answer) {

    /** The kind of mail in one word for people: the purpose, with a resubscription's confirmation told apart. */
    public String kind(boolean toTombstone) {
        return purpose == Purpose.CONFIRMATION && toTombstone ? "RESUBSCRIPTION_CONFIRMATION" : purpose.name();
    }

    public SentMessage named(String name) {
        return new SentMessage(messageId, subscriptionId, channel, purpose, batchId, name, state, attempts, queuedAt,
                finishedAt, answer);
    }
}
