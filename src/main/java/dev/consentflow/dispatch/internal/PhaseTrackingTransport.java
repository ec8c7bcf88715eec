package dev.consentflow.dispatch.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, telling whether the final dot of the current message went out. Before it, a broken
 * connection means the relay discarded the message (RFC 5321, 4.1.1.4), so it can be sent again; after it,
 * a missing answer means the relay may have taken it, and it must not be.
 */
class PhaseTrackingTransport extends SMTPTransport {

    private boolean finalDotSent;
    private String envelopeFrom;
    private ChannelSender.StartGate start;

    PhaseTrackingTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    synchronized void beginMessage() {
        beginMessage(null);
    }

    /** The next message, sent with this envelope sender (its VERP Return-Path), or the message's From when null. */
    synchronized void beginMessage(String envelopeFrom) {
        beginMessage(envelopeFrom, null);
    }

    /**
     * As {@link #beginMessage(String)}; DATA (or the first BDAT chunk) waits until {@code start} answers true, and
     * is never sent when it answers false or throws ({@link NotStarted}). Null: no wait.
     */
    synchronized void beginMessage(String envelopeFrom, ChannelSender.StartGate start) {
        finalDotSent = false;
        this.envelopeFrom = envelopeFrom;
        this.start = start;
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

    /**
     * The envelope (MAIL FROM, RCPT TO) went to the relay while the start committed; DATA waits for the start, so
     * a row that did not start leaves the relay in a transaction without content, which {@link #reset()} ends.
     */
    @Override
    protected OutputStream data() throws MessagingException {
        awaitStart();
        return super.data();
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        // Set before the dot is written: a failure while writing it may still have delivered it.
        finalDotSent = true;
        super.finishData();
    }

    /** With CHUNKING (mail.smtp.chunksize) any chunk may be the last: none goes out before the start. */
    @Override
    protected OutputStream bdat() throws MessagingException {
        awaitStart();
        return super.bdat();
    }

    /**
     * Ends the relay's transaction after {@link NotStarted} (RSET, RFC 5321 4.1.1.5): nothing of the message went
     * past its envelope, and the connection can take the next one. False when the relay did not answer 250.
     */
    synchronized boolean reset() {
        try {
            return simpleCommand("RSET") == 250;
        } catch (MessagingException e) {
            return false;
        }
    }

    private void awaitStart() {
        ChannelSender.StartGate gate = start;
        start = null;
        if (gate == null) {
            return;
        }
        boolean started;
        try {
            started = gate.started();
        } catch (RuntimeException e) {
            throw new NotStarted(e);
        }
        if (!started) {
            throw new NotStarted(null);
        }
    }

    /** The message's row did not start (or its start failed): nothing past the envelope may go to the relay. */
    static final class NotStarted extends RuntimeException {
        NotStarted(RuntimeException cause) {
            super("the message's row did not start", cause);
        }
    }
}
