package dev.consentflow.dispatch.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code consentflow.dispatch.*}: how the outbox workers send. The relay itself (host, port, credentials,
 * STARTTLS, timeouts) comes from {@code spring.mail.*}, or is the embedded development server.
 *
 * @param nodeId              names this node in leases; unique per running server (default: host name and a
 *                            random suffix, new on every start, so a restarted node never owns its old leases)
 * @param connectionsPerRelay parallel, long-lived SMTP connections per node, each with two mail worker threads
 * @param smsConnections      parallel requests to the SMS gateway per node
 * @param batchSize           rows claimed at most per poll and channel
 * @param pollInterval        how often a node looks for due rows when it found none last time
 * @param lease               how long claimed rows stay this node's; far longer than one send may take
 * @param ratePerSecond       messages per second this node hands to relays at most; 0 means no limit
 * @param messagesPerConnection after this many messages a connection is closed and opened anew (relays limit it)
 * @param retryDelays         waits before each new attempt after a soft failure; after the last, EXPIRED
 * @param smsGatewayUrl       the SMS gateway ({@code CONSENTFLOW_SMS_GATEWAY_URL}); blank: the dev outbox
 * @param smsConnectTimeout   connect timeout towards the SMS gateway
 * @param smsRequestTimeout   answer timeout of the SMS gateway
 * @param dkim                DKIM signing, on when domain, selector and private key are all set
 */
@ConfigurationProperties("consentflow.dispatch")
public record DispatchProperties(
        String nodeId,
        @DefaultValue("4") int connectionsPerRelay,
        @DefaultValue("2") int smsConnections,
        @DefaultValue("100") int batchSize,
        @DefaultValue("PT0.5S") Duration pollInterval,
        @DefaultValue("PT5M") Duration lease,
        @DefaultValue("0") double ratePerSecond,
        @DefaultValue("1000") int messagesPerConnection,
        @DefaultValue({"PT1M", "PT5M", "PT30M", "PT2H", "PT8H"}) List<Duration> retryDelays,
        String smsGatewayUrl,
        @DefaultValue("PT5S") Duration smsConnectTimeout,
        @DefaultValue("PT15S") Duration smsRequestTimeout,
        @DefaultValue Dkim dkim) {

    public DispatchProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (connectionsPerRelay < 1 || smsConnections < 1 || batchSize < 1 || messagesPerConnection < 1) {
            throw new IllegalArgumentException("consentflow.dispatch: connections, batch size and messages per "
                    + "connection must be at least 1");
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("consentflow.dispatch.rate-per-second must not be negative");
        }
        retryDelays = List.copyOf(retryDelays);
        if (retryDelays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("consentflow.dispatch.retry-delays must all be positive");
        }
    }

    /** DKIM signing key: {@code privateKey} is a PKCS#8 RSA key, PEM or base64 of the DER bytes. */
    public record Dkim(String domain, String selector, String privateKey) {

        public boolean enabled() {
            return notBlank(domain) && notBlank(selector) && notBlank(privateKey);
        }

        private static boolean notBlank(String value) {
            return value != null && !value.isBlank();
        }

        @Override
        public String toString() {
            return "Dkim[domain=" + domain + ", selector=" + selector + ", privateKey=" + (privateKey == null ? "none" : "set") + "]";
        }
    }

    /** The wait before attempt {@code attemptsSoFar + 1}, or null when the message has had its last try. */
    Duration retryDelayAfter(int attemptsSoFar) {
        return attemptsSoFar >= 1 && attemptsSoFar <= retryDelays.size() ? retryDelays.get(attemptsSoFar - 1) : null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
