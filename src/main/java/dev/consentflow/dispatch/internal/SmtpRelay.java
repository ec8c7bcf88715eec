package dev.consentflow.dispatch.internal;

import jakarta.mail.Session;
import java.util.Map;
import java.util.Properties;

/**
 * Where mail goes: the configured relay ({@code spring.mail.*}) or the embedded development server. Every
 * session made from it has finite connect, read and write timeouts, whatever was configured.
 */
record SmtpRelay(String host, int port, String username, String password, Map<String, String> properties) {

    private static final Map<String, String> TIMEOUT_DEFAULTS = Map.of(
            "mail.smtp.connectiontimeout", "10000",
            "mail.smtp.timeout", "30000",
            "mail.smtp.writetimeout", "30000");

    SmtpRelay {
        properties = Map.copyOf(properties);
    }

    boolean authenticates() {
        return username != null && !username.isBlank();
    }

    Session session() {
        Properties props = new Properties();
        props.putAll(properties);
        TIMEOUT_DEFAULTS.forEach(props::putIfAbsent);
        TIMEOUT_DEFAULTS.keySet().forEach(key -> {
            if (Long.parseLong(props.getProperty(key).trim()) <= 0) {
                throw new IllegalArgumentException(key + " must be a positive number of milliseconds");
            }
        });
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(port));
        props.setProperty("mail.smtp.auth", Boolean.toString(authenticates()));
        // Our own QUIT should not wait on a slow relay; the message's fate is already known by then.
        props.putIfAbsent("mail.smtp.quitwait", "false");
        // SMTPUTF8 (RFC 6531) when the relay offers it: the transport then says so in MAIL FROM and writes UTF-8
        // addresses. ASCII mail is written as before; bodies keep their encodings (that is a system property).
        props.putIfAbsent("mail.mime.allowutf8", "true");
        return Session.getInstance(props);
    }

    /**
     * About the longest one send can take: a connect, and several commands and writes each bounded by its
     * timeout. Twice the sum of the three is a generous bound; a row is started only with this much lease left.
     */
    long sendBudgetMillis() {
        Properties props = session().getProperties();
        return 2 * TIMEOUT_DEFAULTS.keySet().stream()
                .mapToLong(key -> Long.parseLong(props.getProperty(key).trim()))
                .sum();
    }

    @Override
    public String toString() {
        return "SmtpRelay[" + host + ":" + port + (authenticates() ? ", authenticated" : "") + "]";
    }
}
