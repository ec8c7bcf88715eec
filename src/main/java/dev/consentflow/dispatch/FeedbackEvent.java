package dev.consentflow.dispatch;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One report about a message we sent.
 *
 * @param messageId  the outbox message it is about (from the VERP token of the Return-Path, or the Message-ID
 *                   {@code <messageId@domain>} that a provider echoes back)
 * @param kind       what happened
 * @param source     where the report came from: {@code mailbox}, {@code ses}, {@code sendgrid}, {@code postmark},
 *                   {@code mailgun}, {@code smtp}
 * @param eventId    the source's own id of the report (the mailbox message's Message-ID, the provider's event id),
 *                   which makes a repeated report recognisable
 * @param diagnostic the status and diagnostic code (for example {@code 5.1.1 user unknown}) or the feedback type
 *                   of a complaint; never a message body
 * @param at         when the receiving side says it happened
 */
public record FeedbackEvent(UUID messageId, Kind kind, String source, String eventId, String diagnostic, Instant at) {

    public enum Kind {
        /** A permanent failure (a 5.x.x status): the address does not take mail. */
        HARD_BOUNCE,
        /** A temporary failure (a 4.x.x status): a full mailbox, a greylisting that gave up. */
        SOFT_BOUNCE,
        /** The person marked the message as spam (an ARF report, a provider's complaint event). */
        COMPLAINT
    }

    public FeedbackEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        diagnostic = diagnostic == null ? "" : diagnostic;
    }
}
