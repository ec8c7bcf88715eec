package dev.consentflow.dispatch.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With no {@code spring.mail.host}, an embedded GreenMail SMTP server on loopback receives every mail, so a
 * newcomer can follow a signup end to end at {@code /dev/mailbox} ({@link DevOutbox} says when that page exists).
 * Nothing of this exists once a relay is set. Its port is {@code CONSENTFLOW_DEV_SMTP_PORT} (2525). The same server
 * serves the bounce mailbox over IMAP on {@code CONSENTFLOW_DEV_IMAP_PORT} (1143), so the bounce reader runs in
 * development too: a DSN or ARF report sent to the bounce address is read, and its effect shows.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
@EnableConfigurationProperties(MailProperties.class)
class DevMailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DevMailConfiguration.class);

    /** The development server's bounce mailbox, read by the bounce reader when no mailbox is configured. */
    record DevBounceMailbox(BounceMailbox mailbox) {
    }

    @Bean(destroyMethod = "stop")
    GreenMail devSmtpServer(@Value("${consentflow.dev-smtp.port:2525}") int port,
                            @Value("${consentflow.dev-imap.port:1143}") int imapPort) {
        return startDevMailServer(port, imapPort);
    }

    @Bean
    DevBounceMailbox devBounceMailbox(GreenMail devSmtpServer, ReturnPaths returnPaths) {
        String address = returnPaths.mailbox();
        String password = java.util.UUID.randomUUID().toString();
        devSmtpServer.setUser(address, address, password);
        return new DevBounceMailbox(new BounceMailbox("imap", "127.0.0.1", devSmtpServer.getImap().getPort(),
                "INBOX", address, password));
    }

    /** Starts GreenMail's SMTP server on loopback (and no IMAP). */
    static GreenMail startDevSmtpServer(int port) {
        return startDevMailServer(port, null);
    }

    /** Starts GreenMail on loopback; a port that is taken fails the start with the variable that moves it. */
    static GreenMail startDevMailServer(int port, Integer imapPort) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        ServerSetup[] setups = {setup};
        if (imapPort != null) {
            ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
            setups = new ServerSetup[] {setup, imapPort == 0 ? imap.dynamicPort() : imap};
        }
        GreenMail server = new GreenMail(setups);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            throw new IllegalStateException("The development mail server could not listen on 127.0.0.1:" + port
                    + (imapPort == null ? "" : " (SMTP) and " + imapPort + " (IMAP)")
                    + " (is a port taken?): set CONSENTFLOW_DEV_SMTP_PORT and CONSENTFLOW_DEV_IMAP_PORT to free "
                    + "ports (0 picks one), or SPRING_MAIL_HOST to send through a relay", e);
        }
        return server;
    }

    /** The development server as a relay, with the same timeouts a real one gets. */
    @Bean
    SmtpRelay smtpRelay(GreenMail devSmtpServer, MailProperties mail,
                        @Value("${spring.datasource.url:}") String externalDatabase) {
        SmtpRelay relay = new SmtpRelay("127.0.0.1", devSmtpServer.getSmtp().getPort(), null, null,
                mail.getProperties());
        log.info("No SPRING_MAIL_HOST set: mail goes to the embedded development SMTP server on port {}, {}",
                relay.port(), externalDatabase.isEmpty() ? "readable at /dev/mailbox from this machine"
                        : "kept in memory only (/dev/mailbox exists only with the embedded database)");
        return relay;
    }

    /** For development tools only: the application sends through the outbox, never through this. */
    @Bean
    JavaMailSenderImpl mailSender(SmtpRelay smtpRelay) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setSession(smtpRelay.session());
        sender.setHost(smtpRelay.host());
        sender.setPort(smtpRelay.port());
        return sender;
    }
}
