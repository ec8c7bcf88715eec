package dev.consentflow.privacy.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.PersonCard;
import dev.consentflow.contacts.SubscriptionEvidence;
import dev.consentflow.dispatch.SentMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * A person's record as one JSON document, written with Jackson's streaming generator as the parts arrive:
 * {@code {"exportedAt", "subscriberId", "email", "mobile", "permission", "source", "mailRating", "createdAt",
 * "updatedAt", "erasedAt", "fields", "subscriptions": [...], "events": [...], "messages": [...], "audit": [...]}}
 * ({@code messages}: every mail and SMS sent to the person, its mailing, time and final state, never its body). The card's keys
 * are those of {@code GET /api/contacts/{id}}; a tombstone has only those erasure keeps.
 */
final class PersonExportJson implements PersonExportWriter {

    private final JsonGenerator json;
    private boolean erased;
    private Part part = Part.NONE;
    private boolean open;

    private enum Part { NONE, SUBSCRIPTIONS, EVENTS, MESSAGES, AUDIT }

    PersonExportJson(ObjectMapper mapper, OutputStream out) throws IOException {
        json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
        json.useDefaultPrettyPrinter();
    }

    @Override
    public void card(PersonCard card) {
        try {
            erased = card.erasedAt() != null;
            json.writeStartObject();
            json.writeStringField("exportedAt", Instant.now().toString());
            json.writeStringField("subscriberId", card.subscriberId().toString());
            if (!erased) {
                json.writeStringField("email", card.email());
                json.writeStringField("mobile", card.mobile());
            }
            json.writeStringField("permission", card.permission().name());
            if (!erased) {
                json.writeStringField("source", card.source().name());
                json.writeNumberField("mailRating", card.mailRating());
                time("createdAt", card.createdAt());
                time("updatedAt", card.updatedAt());
            }
            time("erasedAt", card.erasedAt());
            if (!erased) {
                json.writeObjectFieldStart("fields");
                for (var field : card.fields().entrySet()) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
                json.writeEndObject();
            }
        } catch (IOException e) {
            throw PersonExportWriter.unchecked(e);
        }
    }

    @Override
    public void subscription(SubscriptionEvidence s) {
        try {
            enter(Part.SUBSCRIPTIONS);
            json.writeStartObject();
            json.writeStringField("list", s.list());
            if (!erased) {
                json.writeStringField("channel", s.channel().name());
            }
            json.writeStringField("status", s.status().name());
            time("subscribedAt", s.subscribedAt());
            json.writeStringField("subscribeIp", s.subscribeIp());
            time("confirmedAt", s.confirmedAt());
            json.writeStringField("confirmIp", s.confirmIp());
            if (!erased) {
                json.writeStringField("source", s.source().name());
                json.writeStringField("subscribeUserAgent", s.subscribeUserAgent());
                json.writeStringField("formKey", s.formKey());
                if (s.formVersion() == null) {
                    json.writeNullField("formVersion");
                } else {
                    json.writeNumberField("formVersion", s.formVersion());
                }
                json.writeStringField("integration", s.integration());
                json.writeStringField("consentText", s.consentText());
                json.writeStringField("confirmUserAgent", s.confirmUserAgent());
                time("unsubscribedAt", s.unsubscribedAt());
                time("bouncedAt", s.bouncedAt());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw PersonExportWriter.unchecked(e);
        }
    }

    @Override
    public void event(BehaviourEvent event) {
        try {
            enter(Part.EVENTS);
            json.writeStartObject();
            json.writeStringField("type", event.type().name());
            time("at", event.at());
            json.writeStringField("campaign", event.campaign());
            json.writeObjectFieldStart("details");
            for (var detail : event.details().entrySet()) {
                json.writeStringField(detail.getKey(), detail.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw PersonExportWriter.unchecked(e);
        }
    }

    @Override
    public void message(SentMessage message) {
        try {
            enter(Part.MESSAGES);
            json.writeStartObject();
            json.writeStringField("messageId", message.messageId().toString());
            json.writeStringField("channel", message.channel().name());
            json.writeStringField("kind", message.kind(erased));
            json.writeStringField("mailing", message.mailing());
            json.writeStringField("campaignId", message.batchId());
            json.writeStringField("state", message.state().name());
            time("queuedAt", message.queuedAt());
            time("finishedAt", message.finishedAt());
            json.writeNumberField("attempts", message.attempts());
            json.writeStringField("answer", message.answer());
            json.writeEndObject();
        } catch (IOException e) {
            throw PersonExportWriter.unchecked(e);
        }
    }

    @Override
    public void audit(AuditRecord entry) {
        try {
            enter(Part.AUDIT);
            json.writeObject(entry);
        } catch (IOException e) {
            throw PersonExportWriter.unchecked(e);
        }
    }

    @Override
    public void finish() throws IOException {
        enter(Part.AUDIT);
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    /** Opens the arrays in order, empty ones included, so every part is there even when it has nothing. */
    private void enter(Part next) throws IOException {
        while (part.ordinal() < next.ordinal()) {
            if (open) {
                json.writeEndArray();
            }
            part = Part.values()[part.ordinal() + 1];
            open = !(part == Part.EVENTS && erased);
            if (open) {
                json.writeArrayFieldStart(part.name().toLowerCase());
            }
        }
    }

    private void time(String name, Instant at) throws IOException {
        if (at == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, at.toString());
        }
    }
}
