package dev.consentflow.privacy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.PersonCard;
import dev.consentflow.contacts.SubscriptionEvidence;
import dev.consentflow.dispatch.SentMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * A person's record as an Excel workbook with one sheet per part: Card (field and value), Fields (name and
 * value), Subscriptions (one row each, with all consent evidence), Events, Messages (every mail and SMS sent
 * to the person: mailing, times, final state; never a body) and Audit. A tombstone's workbook holds
 * only what erasure keeps. Event details and audit details are JSON text in one cell.
 */
final class PersonExportXlsx implements PersonExportWriter {

    private final ObjectMapper mapper;
    private final OutputStream out;
    private final ExportWorkbook workbook = new ExportWorkbook();
    private final ExportWorkbook.Sheet card;
    private final ExportWorkbook.Sheet fields;
    private final ExportWorkbook.Sheet subscriptions;
    private final ExportWorkbook.Sheet events;
    private final ExportWorkbook.Sheet messages;
    private final ExportWorkbook.Sheet audit;
    private boolean erased;

    PersonExportXlsx(ObjectMapper mapper, OutputStream out) {
        this.mapper = mapper;
        this.out = out;
        card = workbook.sheet("Card", "Field", "Value");
        fields = workbook.sheet("Fields", "Name", "Value");
        subscriptions = workbook.sheet("Subscriptions", "List", "Channel", "Status", "Source", "Subscribed at",
                "Subscribe IP", "Subscribe user agent", "Form key", "Form version", "Integration", "Consent text",
                "Confirmed at", "Confirm IP", "Confirm user agent", "Unsubscribed at", "Bounced at");
        events = workbook.sheet("Events", "Type", "At", "Campaign", "Details");
        messages = workbook.sheet("Messages", "Message id", "Channel", "Kind", "Mailing", "Campaign id", "State",
                "Queued at", "Finished at", "Attempts", "Relay answer");
        audit = workbook.sheet("Audit", "Seq", "At", "Action", "Actor", "Detail", "Process instance", "Hash",
                "Previous hash");
    }

    @Override
    public void card(PersonCard person) {
        erased = person.erasedAt() != null;
        card.row("Subscriber id", person.subscriberId().toString());
        if (!erased) {
            card.row("Email", person.email());
            card.row("Mobile", person.mobile());
        }
        card.row("Permission", person.permission().name());
        if (!erased) {
            card.row("Source", person.source().name());
            card.row("MailRating", person.mailRating());
            card.row("Created at", person.createdAt());
            card.row("Updated at", person.updatedAt());
        }
        card.row("Erased at", person.erasedAt());
        card.row("Exported at", Instant.now());
        person.fields().forEach((name, value) -> fields.row(name, value));
    }

    @Override
    public void subscription(SubscriptionEvidence s) {
        subscriptions.row(s.list(), name(s.channel()), name(s.status()), name(s.source()), s.subscribedAt(),
                s.subscribeIp(), s.subscribeUserAgent(), s.formKey(), s.formVersion(), s.integration(),
                s.consentText(), s.confirmedAt(), s.confirmIp(), s.confirmUserAgent(), s.unsubscribedAt(),
                s.bouncedAt());
    }

    @Override
    public void event(BehaviourEvent event) {
        events.row(event.type().name(), event.at(), event.campaign(),
                event.details().isEmpty() ? null : json(event.details()));
    }

    @Override
    public void message(SentMessage m) {
        messages.row(m.messageId().toString(), m.channel().name(), m.kind(erased), m.mailing(), m.batchId(),
                m.state().name(), m.queuedAt(), m.finishedAt(), m.attempts(), m.answer());
    }

    @Override
    public void audit(AuditRecord entry) {
        audit.row(entry.seq(), entry.at(), entry.action(), entry.actor(),
                entry.detail() == null || entry.detail().isEmpty() ? null : json(entry.detail()),
                entry.processInstanceId(), entry.hash(), entry.prevHash());
    }

    @Override
    public void finish() throws IOException {
        workbook.write(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }

    private String json(Map<String, ?> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
