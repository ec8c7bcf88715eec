package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Processors;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The relay and the SMS gateway as this server is configured; in development, the stand-ins inside it. */
@Component
class ConfiguredProcessors implements Processors {

    private final SmtpRelay relay;
    private final boolean devMail;
    private final DispatchProperties properties;

    /** Without {@code spring.mail.host} the relay is the development mail server inside this server. */
    ConfiguredProcessors(SmtpRelay relay, @Value("${spring.mail.host:}") String relayHost, DispatchProperties properties) {
        this.relay = relay;
        this.devMail = relayHost.isBlank();
        this.properties = properties;
    }

    @Override
    public List<Processor> processors() {
        List<Processor> processors = new ArrayList<>();
        processors.add(devMail ? new Processor("DEV_MAIL", relay.host() + ":" + relay.port(), "none")
                : new Processor("MAIL_RELAY", relay.host() + ":" + relay.port(), mailSecurity(relay.properties())));
        String gateway = properties.smsGatewayUrl();
        if (gateway == null || gateway.isBlank()) {
            processors.add(new Processor("DEV_SMS", "localhost", "none"));
        } else {
            URI uri = URI.create(gateway.strip());
            String endpoint = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            processors.add(new Processor("SMS_GATEWAY", endpoint, "https".equalsIgnoreCase(uri.getScheme()) ? "https" : "none"));
        }
        return List.copyOf(processors);
    }

    private static String mailSecurity(Map<String, String> smtp) {
        if ("true".equalsIgnoreCase(smtp.get("mail.smtp.ssl.enable"))) {
            return "SMTPS";
        }
        if ("true".equalsIgnoreCase(smtp.get("mail.smtp.starttls.required"))) {
            return "STARTTLS required";
        }
        if ("true".equalsIgnoreCase(smtp.get("mail.smtp.starttls.enable"))) {
            return "STARTTLS when offered";
        }
        return "none";
    }
}
