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

/** Mail over a pool of SMTP connections to the relay. */
final class MailSender implements ChannelSender {

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
        return connections;
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
     * Builds the message and gives its envelope to the relay while the start commits; DATA waits for the start
     * (see {@link PhaseTrackingTransport}).
     */
    @Override
    public Delivery send(OutboxRow row, Letter letter, Recipient recipient, StartGate start) {
        Optional<Sender> from;
        try {
            from = composer.senderOf(row);
        } catch (RuntimeException e) {
            return Delivery.soft("the brand's sender could not be read: " + e.getClass().getSimpleName());
        }
        return pool.withConnection(connection -> {
            MimeMessage message;
            InternetAddress to;
            try {
                message = composer.compose(connection.session(), row.id(), letter, row.listId(), recipient, from);
                to = (InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0];
            } catch (AddressException e) {
                return Delivery.hard("the recipient's address is not a mail address; not sent");
            } catch (MessagingException | RuntimeException e) {
                return Delivery.failed("the message could not be built: " + e.getMessage());
            }
            return connection.send(message, to, returnPaths.of(row.id()), start);
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
