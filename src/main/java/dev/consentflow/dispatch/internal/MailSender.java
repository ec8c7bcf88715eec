package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.Sender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Optional;

/**
 * Mail over a pool of SMTP connections to the relay, with {@value #THREADS_PER_CONNECTION} mail threads per
 * connection: a thread builds its message and has its row's start committed while the connections are busy with
 * other threads' messages, and borrows one only once its start is committed (or one is idle), so a connection does
 * not idle between RCPT and DATA for a start's WAL flush (more than half of a thread's time when the threads and the
 * connections were as many). The price: up to that many started, unanswered rows per connection when a node dies,
 * each ending UNKNOWN, never sent twice.
 */
final class MailSender implements ChannelSender {

    /** Mail threads per SMTP connection. */
    static final int THREADS_PER_CONNECTION = 2;

    private final SmtpConnectionPool pool;
    private final MailComposer composer;
    private final int connections;
    private final Duration budget;
    private final ReturnPaths returnPaths;

    MailSender(SmtpRelay relay, MailComposer composer, ReturnPaths returnPaths, int connections,
               int messagesPerConnection) {
        this.pool = new SmtpConnectionPool(relay, connections, messagesPerConnection);
        this.composer = composer;
        this.returnPaths = returnPaths;
        this.connections = connections;
        this.budget = Duration.ofMillis(relay.sendBudgetMillis());
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public int parallelism() {
        return connections * THREADS_PER_CONNECTION;
    }

    @Override
    public Duration sendBudget() {
        return budget;
    }

    @Override
    public Delivery send(OutboxRow row, Letter letter, Recipient recipient) {
        return send(row, letter, recipient, null);
    }

    /**
     * Builds the message while the start commits. With a connection idle and no thread waiting for one, it borrows
     * that one and gives the relay the envelope; DATA waits for the start (see {@link PhaseTrackingTransport}).
     * Else it waits for its start first and borrows a connection only once the row started: a connection held
     * through a start's commit idles while other threads' started messages wait for it (the mail threads waited
     * longer for a connection than for their starts in CampaignDispatchCostBench). The connection is held only for
     * the relay's transaction, and nothing of a row that did not start reaches the relay.
     */
    @Override
    public Delivery send(OutboxRow row, Letter letter, Recipient recipient, StartGate start) {
        Optional<Sender> from;
        try {
            from = composer.senderOf(row);
        } catch (RuntimeException e) {
            return Delivery.soft("the brand's sender could not be read: " + e.getClass().getSimpleName());
        }
        MimeMessage message;
        InternetAddress to;
        try {
            message = composer.compose(pool.session(), row.id(), letter, row.listId(), recipient, from);
            to = (InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0];
        } catch (AddressException e) {
            return Delivery.hard("the recipient's address is not a mail address; not sent");
        } catch (MessagingException | RuntimeException e) {
            return Delivery.failed("the message could not be built: " + e.getMessage());
        }
        String returnPath = returnPaths.of(row.id());
        if (start != null) {
            Delivery now = pool.withIdleConnection(connection -> connection.send(message, to, returnPath, start));
            if (now != null) {
                return now;
            }
            try {
                if (!start.started()) {
                    return Delivery.soft("not started");
                }
            } catch (RuntimeException e) {
                return Delivery.soft("not started: its start failed");
            }
        }
        return pool.withConnection(connection -> connection.send(message, to, returnPath, start));
    }

    @Override
    public void close() {
        pool.close();
    }
}
