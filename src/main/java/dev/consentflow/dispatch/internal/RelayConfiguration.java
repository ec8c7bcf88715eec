package dev.consentflow.dispatch.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code spring.mail.host} set, mail goes to that relay: port, username, password and every
 * {@code spring.mail.properties.mail.smtp.*} (STARTTLS with {@code mail.smtp.starttls.enable} and
 * {@code .required}, timeouts) are taken from there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${spring.mail.host:}'.isEmpty()")
@EnableConfigurationProperties(MailProperties.class)
class RelayConfiguration {

    @Bean
    SmtpRelay smtpRelay(MailProperties mail) {
        int port = mail.getPort() == null ? 25 : mail.getPort();
        return new SmtpRelay(mail.getHost(), port, mail.getUsername(), mail.getPassword(), mail.getProperties());
    }
}
