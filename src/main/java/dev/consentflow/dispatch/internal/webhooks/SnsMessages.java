package dev.consentflow.dispatch.internal.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Verifies an SNS message as SNS signs it: the fields of its type, each as {@code name\nvalue\n} in this order,
 * signed SHA1withRSA (SignatureVersion 1) or SHA256withRSA (2) with the key of the certificate at SigningCertURL.
 */
final class SnsMessages {

    private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
            "Token", "TopicArn", "Type");

    private SnsMessages() {
    }

    /** @throws WebhookRejected unless the message carries a valid signature of the certificate */
    static void verify(JsonNode message, X509Certificate certificate) {
        String algorithm = switch (text(message, "SignatureVersion")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new WebhookRejected("Unknown SNS SignatureVersion");
        };
        String signature = text(message, "Signature");
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(stringToSign(message).getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                throw new WebhookRejected("The SNS signature does not match");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WebhookRejected("The SNS signature does not match");
        }
    }

    static String stringToSign(JsonNode message) {
        List<String> fields = "Notification".equals(text(message, "Type")) ? NOTIFICATION : SUBSCRIPTION;
        StringBuilder signed = new StringBuilder();
        for (String field : fields) {
            JsonNode value = message.get(field);
            if (value != null && !value.isNull()) {
                signed.append(field).append('\n').append(value.asText()).append('\n');
            }
        }
        return signed.toString();
    }

    static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
