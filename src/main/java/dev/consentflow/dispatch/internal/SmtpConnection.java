package dev.consentflow.dispatch.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived connection to the relay, used by one thread at a time. It connects on first use, reconnects
 * after a failure, checks with NOOP before reusing a connection that sat idle, and starts afresh after
 * {@code messagesPerConnection} messages because relays limit them.
 */
final class SmtpConnection {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final SmtpRelay relay;
    private final Session session;
    private final int messagesPerConnection;
    private PhaseTrackingTransport transport;
    private int sentOnThisConnection;
    private long lastUsed;

    SmtpConnection(SmtpRelay relay, Session session, int messagesPerConnection) {
        this.relay = relay;
        this.session = session;
        this.messagesPerConnection = messagesPerConnection;
    }

    Session session() {
        return session;
    }

    Delivery send(MimeMessage message, InternetAddress to) {
        return send(message, to, null);
    }

    /** Sends with this envelope sender (the message's VERP return path), or the message's From when null. */
    Delivery send(MimeMessage message, InternetAddress to, String envelopeFrom) {
        return send(message, to, envelopeFrom, null);
    }

    /**
     * As {@link #send(MimeMessage, InternetAddress, String)}: the envelope (MAIL FROM, RCPT TO) goes to the relay
     * at once, DATA only once {@code start} answered true (null: no wait). When it answers false or throws, the
     * relay's transaction is reset (RSET) before any DATA, the connection goes on, and the answer says SOFT.
     */
    Delivery send(MimeMessage message, InternetAddress to, String envelopeFrom, ChannelSender.StartGate start) {
        boolean reused = transport != null;
        SmtpAnswers.Outcome outcome = attempt(message, to, envelopeFrom, start);
        if (reused && outcome.connectionBroken() && outcome.delivery().verdict() == Delivery.Verdict.SOFT) {
            // A reused connection the relay had dropped: the message never got through, so once more on a
            // fresh connection rather than waiting a whole retry delay.
            outcome = attempt(message, to, envelopeFrom, start);
        }
        return outcome.delivery();
    }

    private SmtpAnswers.Outcome attempt(MimeMessage message, InternetAddress to, String envelopeFrom,
                                        ChannelSender.StartGate start) {
        try {
            ensureConnected();
        } catch (MessagingException e) {
            close();
            return new SmtpAnswers.Outcome(Delivery.soft("cannot connect to " + relay.host() + ":" + relay.port()
                    + ": " + rootMessage(e)), true);
        }
        if (needsSmtpUtf8(message, to) && !transport.supportsExtension("SMTPUTF8")) {
            return new SmtpAnswers.Outcome(Delivery.failed("the address needs SMTPUTF8 (RFC 6531), which the relay "
                    + "does not offer; not sent"), false);
        }
        transport.beginMessage(envelopeFrom, start);
        try {
            transport.sendMessage(message, new Address[] {to});
            sentOnThisConnection++;
            return new SmtpAnswers.Outcome(Delivery.sent(transport.getLastServerResponse()), false);
        } catch (MessagingException e) {
            SmtpAnswers.Outcome outcome = SmtpAnswers.classify(e, transport.finalDotSent());
            if (outcome.connectionBroken()) {
                close();
            }
            return outcome;
        } catch (PhaseTrackingTransport.NotStarted e) {
            // The row did not start: only its envelope reached the relay, and RSET ends that transaction (a
            // relay that does not take it is hung up on, still before any DATA).
            if (!transport.reset()) {
                close();
            }
            return new SmtpAnswers.Outcome(Delivery.soft("not started; the relay's transaction was reset"), false);
        } catch (RuntimeException e) {
            // Thrown by our own code while the message was written out (DKIM signing, say).
            boolean finalDotSent = transport.finalDotSent();
            close();
            return new SmtpAnswers.Outcome(finalDotSent ? Delivery.unknown(rootMessage(e))
                    : Delivery.failed("the message could not be written: " + rootMessage(e)), true);
        } finally {
            lastUsed = System.nanoTime();
            if (sentOnThisConnection >= messagesPerConnection) {
                close();
            }
        }
    }

    private void ensureConnected() throws MessagingException {
        if (transport != null && System.nanoTime() - lastUsed > IDLE_CHECK_NANOS && !transport.isConnected()) {
            close();
        }
        if (transport == null) {
            PhaseTrackingTransport fresh = new PhaseTrackingTransport(session);
            fresh.connect(relay.host(), relay.port(), relay.username(), relay.password());
            transport = fresh;
            sentOnThisConnection = 0;
        }
    }

    private static boolean needsSmtpUtf8(MimeMessage message, InternetAddress to) throws RuntimeException {
        if (!MailComposer.isAscii(to.getAddress())) {
            return true;
        }
        try {
            // An all-ASCII From header holds an ASCII address (display names are RFC 2047-encoded): no parse.
            String raw = message.getHeader("From", ",");
            if (raw != null && MailComposer.isAscii(raw)) {
                return false;
            }
            Address[] from = message.getFrom();
            return from != null && from.length > 0 && from[0] instanceof InternetAddress sender
                    && !MailComposer.isAscii(sender.getAddress());
        } catch (MessagingException e) {
            return false;
        }
    }

    void close() {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed: {}", e.getMessage());
        }
        transport = null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
