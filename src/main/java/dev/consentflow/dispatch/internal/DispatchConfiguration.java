package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.RecipientDirectory;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires this node's workers: one lane for mail over the relay's connection pool, one for SMS (the gateway, or
 * the development outbox when none is configured).
 */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    @Bean(destroyMethod = "close")
    MailSender mailChannel(SmtpRelay relay, MailComposer composer, ReturnPaths returnPaths,
                           DispatchProperties properties) {
        return new MailSender(relay, composer, returnPaths, properties.connectionsPerRelay(),
                properties.messagesPerConnection());
    }

    @Bean
    DomainLimits domainLimits(JdbcClient jdbc, DomainLimitSettings settings) {
        return new DomainLimits(jdbc, settings);
    }

    @Bean
    @ConditionalOnExpression("'${consentflow.dispatch.sms-gateway-url:}'.isBlank()")
    DevSmsOutbox devSmsOutbox(DispatchProperties properties) {
        return new DevSmsOutbox(properties.smsConnections());
    }

    @Bean
    OutboxWorker outboxWorker(DispatchProperties properties, Outbox outbox, ContentSeal seal, DispatchMetrics metrics,
                              MailSender mailChannel, ObjectProvider<DevSmsOutbox> devSmsOutbox,
                              RecipientDirectory directory, DomainLimits domains) {
        Courier courier = new Courier(properties.nodeId(), properties, outbox, seal,
                new RateLimiter(properties.ratePerSecond()), metrics, domains);
        ChannelSender sms = smsSender(properties, devSmsOutbox.getIfAvailable());
        return new OutboxWorker(properties.nodeId(), properties, outbox, courier, List.of(mailChannel, sms),
                directory, metrics);
    }

    static ChannelSender smsSender(DispatchProperties properties, DevSmsOutbox devSmsOutbox) {
        String gateway = properties.smsGatewayUrl();
        if (gateway == null || gateway.isBlank()) {
            return devSmsOutbox;
        }
        URI uri = URI.create(gateway.strip());
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException("CONSENTFLOW_SMS_GATEWAY_URL must be an absolute http(s) URL");
        }
        return new HttpSmsSender(uri, properties.smsConnections(), properties.smsConnectTimeout(),
                properties.smsRequestTimeout());
    }
}
