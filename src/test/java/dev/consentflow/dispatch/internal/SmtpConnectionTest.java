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
 * DATA and the row's start: the message's envelope goes to the relay while its start commits, and DATA only once
 * the start answered true; a row that did not start ends with RSET, and the connection goes on (a real SMTP
 * server on a socket).
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
    void theEnvelopeGoesToTheRelayWhileTheStartCommitsAndDataWaitsForIt() throws MessagingException {
        String to = "started@example.org";
        AtomicInteger rcptBeforeTheAnswer = new AtomicInteger(-1);
        AtomicInteger dataBeforeTheAnswer = new AtomicInteger(-1);

        Delivery delivery = connection.send(message(to), new InternetAddress(to), null, () -> {
            rcptBeforeTheAnswer.set(relay.rcptAttempts(to));
            dataBeforeTheAnswer.set(relay.dataCommands(to));
            return true;
        });

        assertThat(delivery.verdict()).isEqualTo(Delivery.Verdict.SENT);
        assertThat(rcptBeforeTheAnswer.get()).as("the relay had the envelope when the start was asked").isOne();
        assertThat(dataBeforeTheAnswer.get()).as("no DATA before the start's answer").isZero();
        assertThat(relay.received(to)).hasSize(1);
    }

    @Test
    void aMessageWhoseRowDidNotStartEndsWithRsetAndTheConnectionSendsTheNextOne() throws MessagingException {
        String refused = "refused@example.org";
        String next = "next@example.org";

        Delivery delivery = connection.send(message(refused), new InternetAddress(refused), null, () -> false);

        assertThat(delivery.verdict()).isEqualTo(Delivery.Verdict.SOFT);
        assertThat(connection.send(message(next), new InternetAddress(next), null, () -> true).verdict())
                .isEqualTo(Delivery.Verdict.SENT);
        assertThat(relay.received(next)).hasSize(1);
        assertThat(relay.dataCommands(refused)).as("never in its DATA phase").isZero();
        assertThat(relay.received(refused)).isEmpty();
        assertThat(relay.resets()).isOne();
        assertThat(relay.connections()).as("the same connection went on").isOne();
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
        assertThat(relay.dataCommands(to)).isZero();
        assertThat(relay.rcptAttempts(to)).as("not tried again on a fresh connection").isOne();
        assertThat(relay.connections()).isOne();
    }

    @Test
    void withChunkingNoChunkGoesToTheRelayBeforeTheStart() throws MessagingException {
        relay.offerChunking();
        SmtpRelay chunked = new SmtpRelay("127.0.0.1", relay.port(), null, null, Map.of("mail.smtp.chunksize", "64"));
        SmtpConnection bdat = new SmtpConnection(chunked, chunked.session(), 100);
        String refused = "refused-chunked@example.org";
        String to = "chunked@example.org";
        AtomicInteger chunksBeforeTheAnswer = new AtomicInteger(-1);
        try {
            assertThat(bdat.send(message(refused), new InternetAddress(refused), null, () -> false).verdict())
                    .isEqualTo(Delivery.Verdict.SOFT);
            Delivery delivery = bdat.send(message(to), new InternetAddress(to), null, () -> {
                chunksBeforeTheAnswer.set(relay.dataCommands(to));
                return true;
            });

            assertThat(delivery.verdict()).isEqualTo(Delivery.Verdict.SENT);
        } finally {
            bdat.close();
        }
        assertThat(relay.dataCommands(refused)).isZero();
        assertThat(relay.received(refused)).isEmpty();
        assertThat(chunksBeforeTheAnswer.get()).as("no chunk before the start's answer").isZero();
        assertThat(relay.received(to)).singleElement().satisfies(r -> assertThat(r.text()).contains("Hello there"));
        assertThat(relay.connections()).isOne();
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
