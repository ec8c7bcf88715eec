package dev.consentflow.privacy.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.contacts.ContactExports;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.DeliveryHistory;
import dev.consentflow.dispatch.SentMessage;
import dev.consentflow.web.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Produces export files into a stream: a person's record (JSON or XLSX), and the contacts of a list or an
 * account (CSV, XLSX or JSON), unmasked. Who may have them is decided before; this only writes.
 */
@Component
class ExportFiles {

    private final ContactExports contacts;
    private final AuditTrail trail;
    private final ObjectMapper mapper;
    private final DeliveryHistory deliveries;

    ExportFiles(ContactExports contacts, AuditTrail trail, ObjectMapper mapper, DeliveryHistory deliveries) {
        this.contacts = contacts;
        this.trail = trail;
        this.mapper = mapper;
        this.deliveries = deliveries;
    }

    /** That the account holds the person's card (live or a tombstone), checked before a download starts. */
    void requirePerson(AccountId account, SubscriberId subscriber) {
        if (!contacts.exists(account, subscriber)) {
            throw new NotFoundException("Contact");
        }
    }

    /**
     * Writes everything held about a person: the card, fields, subscriptions with their evidence, events, the
     * mail and SMS sent to them, and the audit entries about them.
     *
     * @throws NotFoundException when the card is not of the account (nothing written)
     */
    void person(AccountId account, SubscriberId subscriber, ExportFormat format, OutputStream out)
            throws IOException {
        try (PersonExportWriter writer = format == ExportFormat.XLSX ? new PersonExportXlsx(mapper, out)
                : new PersonExportJson(mapper, out)) {
            if (!contacts.readPerson(account, subscriber, writer)) {
                throw new NotFoundException("Contact");
            }
            for (SentMessage message : deliveries.of(account, subscriber.value())) {
                writer.message(message);
            }
            for (AuditRecord entry : trail.ofSubscriber(account, subscriber.value())) {
                writer.audit(entry);
            }
            writer.finish();
        }
    }

    /** Writes the live contacts of a list, or of the whole account for a {@code null} list; answers the rows. */
    long table(AccountId account, ListInfo list, ExportFormat format, OutputStream out) throws IOException {
        return table(account, list, format, out, person -> {
        });
    }

    /**
     * As {@link #table(AccountId, ListInfo, ExportFormat, OutputStream)}, telling {@code written} each person whose
     * row was written (a person with several subscriptions once per row), as it is written.
     */
    long table(AccountId account, ListInfo list, ExportFormat format, OutputStream out,
               java.util.function.Consumer<UUID> written) throws IOException {
        var columns = ExportColumns.with(contacts.fieldNames(account, list));
        try (ExportTableWriter writer = ExportTableWriter.of(format, columns, mapper, out)) {
            long rows = contacts.streamContacts(account, list, row -> {
                writer.row(row);
                written.accept(row.card().subscriberId().value());
            });
            writer.finish();
            return rows;
        }
    }
}
