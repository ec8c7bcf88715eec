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
 * newcomer can follow a signup end to end at {@code /dev/mailbox}. Nothing of this exists once a relay is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
@EnableConfigurationProperties(MailProperties.class)
class DevMailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DevMailConfiguration.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail devSmtpServer(@Value("${consentflow.dev-smtp.port:2525}") int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        return new GreenMail(setup);
    }

    /** The development server as a relay, with the same timeouts a real one gets. */
    @Bean
    SmtpRelay smtpRelay(GreenMail devSmtpServer, MailProperties mail) {
        SmtpRelay relay = new SmtpRelay("127.0.0.1", devSmtpServer.getSmtp().getPort(), null, null,
                mail.getProperties());
        log.info("No SPRING_MAIL_HOST set: mail goes to the embedded development SMTP server on port {}, "
                + "readable at /dev/mailbox", relay.port());
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
