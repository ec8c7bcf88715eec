package dev.consentflow.dispatch.internal.webhooks;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Amazon SNS as the webhook tests need it: a signing key with a certificate issued by a test CA, served at an
 * SNS URL ({@code https://sns.eu-west-1.amazonaws.com/...pem}) by an in-memory {@link SnsEndpoint} that stands in
 * for the network only; which URLs are fetched at all is still decided by the production rule. It signs messages
 * the way SNS documents it, and remembers every URL it was asked for.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestSns {

    static final URI CERTIFICATE = URI.create("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem");

    private final KeyPair signing = rsa();
    private final byte[] certificatePem = pem(certificate(signing));
    private final List<URI> fetched = new CopyOnWriteArrayList<>();

    @Bean
    @Primary
    SnsEndpoint testSnsEndpoint() {
        return uri -> {
            fetched.add(uri);
            if (uri.equals(CERTIFICATE)) {
                return certificatePem;
            }
            if ("Action=ConfirmSubscription".equals(uri.getQuery().split("&")[0])) {
                return "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8);
            }
            throw new IOException("404 " + uri);
        };
    }

    List<URI> fetched() {
        return List.copyOf(fetched);
    }

    /** A Notification of the topic carrying {@code message}, signed with SignatureVersion {@code version}. */
    Map<String, String> notification(String topic, String message, String version) {
        Map<String, String> sns = new LinkedHashMap<>();
        sns.put("Type", "Notification");
        sns.put("MessageId", UUID.randomUUID().toString());
        sns.put("TopicArn", topic);
        sns.put("Message", message);
        sns.put("Timestamp", Instant.now().toString());
        sns.put("SignatureVersion", version);
        sns.put("SigningCertURL", CERTIFICATE.toString());
        sns.put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe");
        String signed = "Message\n" + message + "\nMessageId\n" + sns.get("MessageId") + "\nTimestamp\n"
                + sns.get("Timestamp") + "\nTopicArn\n" + topic + "\nType\nNotification\n";
        sns.put("Signature", sign(signed, version));
        return sns;
    }

    Map<String, String> subscriptionConfirmation(String topic, URI subscribeUrl) {
        Map<String, String> sns = new LinkedHashMap<>();
        sns.put("Type", "SubscriptionConfirmation");
        sns.put("MessageId", UUID.randomUUID().toString());
        sns.put("Token", "token-" + UUID.randomUUID());
        sns.put("TopicArn", topic);
        sns.put("Message", "You have chosen to subscribe to the topic " + topic);
        sns.put("SubscribeURL", subscribeUrl.toString());
        sns.put("Timestamp", Instant.now().toString());
        sns.put("SignatureVersion", "1");
        sns.put("SigningCertURL", CERTIFICATE.toString());
        String signed = "Message\n" + sns.get("Message") + "\nMessageId\n" + sns.get("MessageId") + "\nSubscribeURL\n"
                + subscribeUrl + "\nTimestamp\n" + sns.get("Timestamp") + "\nToken\n" + sns.get("Token")
                + "\nTopicArn\n" + topic + "\nType\nSubscriptionConfirmation\n";
        sns.put("Signature", sign(signed, "1"));
        return sns;
    }

    private String sign(String text, String version) {
        try {
            Signature signer = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(signing.getPrivate());
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(KeyPair subject) {
        KeyPair ca = rsa();
        X500Name caName = new X500Name("CN=Consentflow Test CA");
        return issue(caName, ca.getPrivate(), new X500Name("CN=sns.amazonaws.com"), subject);
    }

    private static X509Certificate issue(X500Name issuer, PrivateKey issuerKey, X500Name subject, KeyPair keys) {
        try {
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), subject,
                    keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
