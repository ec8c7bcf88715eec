package dev.consentflow.privacy.internal;

import dev.consentflow.consent.AuditRecord;
import dev.consentflow.contacts.ContactExports.PersonReader;
import dev.consentflow.dispatch.SentMessage;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one person's record as it is read: the card with its fields, the subscriptions, the events, the mail and
 * SMS sent to the person, and last the audit entries about the person. A tombstone's card has no address, mobile, fields or events, and its
 * export shows none of them.
 */
interface PersonExportWriter extends PersonReader, AutoCloseable {

    /** One message sent to the person (its mailing, time and final state; never its body). */
    void message(SentMessage message);

    void audit(AuditRecord entry);

    /** Ends the document and writes what is left to the stream. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;

    /** Writer errors are I/O errors of the response: unchecked, so they pass through the readers' callbacks. */
    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
