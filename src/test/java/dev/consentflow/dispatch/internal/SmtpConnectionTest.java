package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The final dot and the row's start: the message is written to the relay while its start commits, and the relay
 * gets the final dot only once the start answered true (a real SMTP server on a socket).
 */
class SmtpConnectionTest {

    ScriptedSmtpServer relay;
    SmtpRelay config;
    SmtpConnection connection;

    @BeforeEach
    void relay() throws IOException {
        relay = ScriptedSmtpServer.start();
        config = new SmtpRelay("127.0.0.1", relay.port(), null, null, Map.of());
        connection = new SmtpConnection(config, config.session(), 100);
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        relay.close();
    }

    @Test
    void theMessageIsWrittenToTheRelayWhileItsStartCommitsAndTheFinalDotWaitsForIt() throws MessagingException {
        String to = "started@example.org";
        AtomicInteger dataBeforeTheAnswer = new AtomicInteger(-1);

        Delivery delivery = connection.send(message(to), new InternetAddress(to), null, () -> {
            dataBeforeTheAnswer.set(relay.dataCommands(to));
            assertThat(relay.received(to)).as("nothing taken before the start's answer").isEmpty();
            return true;
        });

        assertThat(delivery.verdict()).isEqualTo(Delivery.Verdict.SENT);
        assertThat(dataBeforeTheAnswer.get()).as("the relay was in its DATA phase when the start was asked").isOne();
        assertThat(relay.received(to)).hasSize(1);
    }

    @Test
    void aMessageWhoseRowDidNotStartNeverReachesTheRelayAndTheConnectionSendsTheNextOne() throws MessagingException {
        String refused = "refused@example.org";
        String next = "next@example.org";

        Delivery delivery = connection.send(message(refused), new InternetAddress(refused), null, () -> false);

        assertThat(delivery.verdict()).isEqualTo(Delivery.Verdict.SOFT);
        assertThat(connection.send(message(next), new InternetAddress(next), null, () -> true).verdict())
                .isEqualTo(Delivery.Verdict.SENT);
        assertThat(relay.received(next)).hasSize(1);
        assertThat(relay.dataCommands(refused)).isOne();
        assertThat(relay.received(refused)).as("hung up before the final dot: discarded").isEmpty();
    }

    @Test
    void aStartWhoseStatementFailedLeavesNothingAtTheRelay() throws MessagingException {
        String to = "failed@example.org";

        Delivery delivery = connection.send(message(to), new InternetAddress(to), null, () -> {
            throw new IllegalStateException("the database went away");
        });

        assertThat(delivery.verdict()).isEqualTo(Delivery.Verdict.SOFT);
        String next = "after-failure@example.org";
        assertThat(connection.send(message(next), new InternetAddress(next), null, () -> true).verdict())
                .isEqualTo(Delivery.Verdict.SENT);
        assertThat(relay.received(to)).isEmpty();
        assertThat(relay.rcptAttempts(to)).as("not tried again on a fresh connection").isOne();
    }

    private MimeMessage message(String to) throws MessagingException {
        MimeMessage message = new MimeMessage(config.session());
        message.setFrom(new InternetAddress("news@shop.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Hello");
        message.setText("Hello there");
        message.saveChanges();
        return message;
    }
}
