package dev.consentflow.dispatch.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, telling whether the final dot of the current message went out. Before it, a broken
 * connection means the relay discarded the message (RFC 5321, 4.1.1.4), so it can be sent again; after it,
 * a missing answer means the relay may have taken it, and it must not be.
 */
class PhaseTrackingTransport extends SMTPTransport {

    private boolean finalDotSent;

    PhaseTrackingTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    synchronized void beginMessage() {
        finalDotSent = false;
    }

    synchronized boolean finalDotSent() {
        return finalDotSent;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        // Set before the dot is written: a failure while writing it may still have delivered it.
        finalDotSent = true;
        super.finishData();
    }
}
