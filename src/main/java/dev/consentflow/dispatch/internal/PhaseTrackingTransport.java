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
    private String envelopeFrom;

    PhaseTrackingTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    synchronized void beginMessage() {
        beginMessage(null);
    }

    /** The next message, sent with this envelope sender (its VERP Return-Path), or the message's From when null. */
    synchronized void beginMessage(String envelopeFrom) {
        finalDotSent = false;
        this.envelopeFrom = envelopeFrom;
    }

    synchronized boolean finalDotSent() {
        return finalDotSent;
    }

    /**
     * The message's own envelope sender in {@code MAIL FROM} (RFC 5321, 4.1.1.2), keeping the parameters Angus
     * adds (SIZE, SMTPUTF8, ...). A DKIM-signed message is no {@code SMTPMessage}, and the session's
     * {@code mail.smtp.from} is shared by every connection, so this is where a per-message sender can go.
     */
    @Override
    protected void sendCommand(String command) throws MessagingException {
        String sender = envelopeFrom;
        if (sender != null && command.regionMatches(true, 0, "MAIL FROM:", 0, 10)) {
            int end = command.indexOf('>');
            command = "MAIL FROM:<" + sender + ">" + (end < 0 ? "" : command.substring(end + 1));
        }
        super.sendCommand(command);
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        // Set before the dot is written: a failure while writing it may still have delivered it.
        finalDotSent = true;
        super.finishData();
    }
}
