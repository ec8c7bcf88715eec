package dev.consentflow.dispatch.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With no {@code spring.mail.host}, an embedded GreenMail SMTP server on loopback receives every mail, so a
 * newcomer can follow a signup end to end at {@code /dev/mailbox}. Nothing of this exists once a relay is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
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

    @Bean
    JavaMailSenderImpl mailSender(GreenMail devSmtpServer) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(devSmtpServer.getSmtp().getPort());
        Properties properties = sender.getJavaMailProperties();
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "30000");
        properties.setProperty("mail.smtp.writetimeout", "30000");
        log.info("No SPRING_MAIL_HOST set: mail goes to the embedded development SMTP server on port {}, "
                + "readable at /dev/mailbox", sender.getPort());
        return sender;
    }
}
