package dev.consentflow.contacts.internal;

import dev.consentflow.dispatch.SentMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message sent to the person as a line of {@code GET /api/contacts/{id}/audit} (API.md section 12,
 * {@code "source": "dispatch"}): when it reached its final state, the state as the action, and in the detail the
 * kind of mail, the mailing, the channel and the message id. Never the address or the body.
 */
record DeliveryEntry(String source, Instant at, String action, Map<String, Object> detail) {

    static DeliveryEntry of(SentMessage message, boolean toTombstone) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("messageId", message.messageId().toString());
        detail.put("purpose", message.kind(toTombstone));
        detail.put("channel", message.channel().name());
        if (message.batchId() != null) {
            detail.put("campaign", message.batchId());
        }
        if (message.mailing() != null) {
            detail.put("mailing", message.mailing());
        }
        detail.put("state", message.state().name());
        detail.put("queuedAt", message.queuedAt().toString());
        detail.put("attempts", message.attempts());
        if (message.answer() != null && !message.state().name().equals("SENT")) {
            detail.put("answer", message.answer());
        }
        return new DeliveryEntry("dispatch", message.finishedAt(), message.state().name(), detail);
    }
}
